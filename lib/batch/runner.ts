import {
  beatHeartbeat, failStaleRuns, finishRun, getRunOrThrow, insertRun, listSteps, markStepDone, markStepRunning,
  planSteps, reopenRun, setRunDates, upsertPhaseRun, type ErrorSummary, type JobType, type StepRow, type Trigger,
} from "../db/batch-runs";
import { getPool } from "../db/client";
import { CHUNK_SIZE, getPhaseSpecOrThrow, type PhaseSpec } from "./pipeline";
import type { LogLevel, PhaseErrorDetail, PhaseKey, PhaseSummary } from "./phase-types";
import { chunkItems, stepKey, type RunParams, type WorkItem } from "./run-work";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 60_000;
const MAX_ERROR_DETAILS = 200;

export interface RunProgressEvent {
  runId: string;
  date: string;
  phase: PhaseKey;
  done: number;
  total: number;
  status: string;
}

export interface ExecuteOptions {
  onProgress?: (event: RunProgressEvent) => void;
  env?: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  runId: string;
  status: "completed" | "partial" | "failed";
  phases: { date: string; phase: PhaseKey; status: string; itemsDone: number; itemsFailed: number }[];
  failureReason?: string;
}

class RunTimeoutError extends Error {}

/** Writes the run row (`running`, D12) under the one-run-per-job-type lock; a second request gets a RunRefusedError. */
export async function createRun(input: {
  jobType: JobType;
  triggeredBy: Trigger;
  userId?: string | null;
  params: RunParams;
  engine?: "runner" | "inngest";
}): Promise<string> {
  await failStaleRuns(HEARTBEAT_STALE_MS);
  return insertRun({
    jobType: input.jobType,
    triggeredBy: input.triggeredBy,
    userId: input.userId,
    params: input.params as unknown as Record<string, unknown>,
    calcDates: input.params.work.map((item) => item.date),
    engine: input.engine ?? "runner",
  });
}

/**
 * Runs (or resumes) a run in this process: every step's status and output is persisted, completed steps are never
 * repeated, and a heartbeat keeps the job type's lock alive.
 */
export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  const run = await getRunOrThrow(runId);
  if (run.status !== "running") await reopenRun(runId);
  const params = run.params as unknown as RunParams;
  const heartbeat = setInterval(() => void beatHeartbeat(runId).catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  const outcome: RunOutcome = { runId, status: "completed", phases: [] };
  const allErrors: PhaseErrorDetail[] = [];
  let totalItems = 0;
  let completedItems = 0;
  let failedItems = 0;
  try {
    await setRunDates(runId, params.work.map((item) => item.date));
    for (const work of params.work) {
      const failedCritical: string[] = [];
      const deadlines = groupDeadlines(options.env ?? process.env);
      for (const phaseKey of work.phases) {
        const spec = getPhaseSpecOrThrow(phaseKey);
        if (spec.group === "portfolio_refresh" && failedCritical.length > 0) {
          const reason = `blocked: the symbol batch failed for ${work.date} (${failedCritical.join(", ")})`;
          await upsertPhaseRun(runId, work.date, phaseKey, { status: "blocked", result: { reason }, errors: null });
          outcome.phases.push({ date: work.date, phase: phaseKey, status: "blocked", itemsDone: 0, itemsFailed: 0 });
          continue;
        }
        const deadline = deadlines[spec.group]();
        const summary = await runPhase(runId, work, spec, deadline, options);
        outcome.phases.push({ date: work.date, phase: phaseKey, status: summary.status, itemsDone: summary.itemsDone, itemsFailed: summary.itemsFailed });
        totalItems += summary.itemsTotal;
        completedItems += summary.itemsDone;
        failedItems += summary.itemsFailed;
        allErrors.push(...summary.errors);
        if (spec.critical && spec.group === "symbol_batch" && summary.status === "failed") failedCritical.push(phaseKey);
      }
    }
    const statuses = outcome.phases.map((phase) => phase.status);
    outcome.status = statuses.some((status) => status === "failed" || status === "blocked")
      ? (statuses.some((status) => status === "completed" || status === "partial") ? "partial" : "failed")
      : statuses.some((status) => status === "partial") ? "partial" : "completed";
    await finishRun(runId, { status: outcome.status, totalItems, completedItems, failedItems, errorSummary: toErrorSummary(allErrors) });
    return outcome;
  } catch (error) {
    const reason = error instanceof RunTimeoutError ? `timeout: ${error.message}` : error instanceof Error ? error.message : String(error);
    outcome.status = "failed";
    outcome.failureReason = reason;
    await finishRun(runId, {
      status: "failed", totalItems, completedItems, failedItems,
      errorSummary: toErrorSummary([...allErrors, { type: error instanceof RunTimeoutError ? "timeout" : "exception", message: reason }]),
      failureReason: reason,
    }).catch(() => undefined);
    return outcome;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Per-date wall-clock budgets of the two job groups (Q15); the clock starts when the group's first phase starts. */
function groupDeadlines(env: NodeJS.ProcessEnv): Record<PhaseSpec["group"], () => number> {
  const limits = {
    symbol_batch: Number(env.SYMBOL_BATCH_TIMEOUT_SECONDS ?? 1500) * 1000,
    portfolio_refresh: Number(env.PORTFOLIO_REFRESH_TIMEOUT_SECONDS ?? 1200) * 1000,
  };
  const started: Partial<Record<PhaseSpec["group"], number>> = {};
  const deadline = (group: PhaseSpec["group"]) => () => {
    started[group] ??= Date.now();
    return started[group]! + limits[group];
  };
  return { symbol_batch: deadline("symbol_batch"), portfolio_refresh: deadline("portfolio_refresh") };
}

async function listChunkItems(spec: PhaseSpec, work: WorkItem): Promise<string[] | null> {
  if (spec.chunk === "symbols") {
    if (work.symbols) return [...work.symbols];
    const { getSymbolsToProcess } = await import("./symbols-to-process");
    return (await getSymbolsToProcess(work.date)).symbols;
  }
  if (spec.chunk === "portfolios") {
    if (work.portfolioIds) return [...work.portfolioIds];
    const result = await getPool().query<{ id: string }>(
      `SELECT id FROM portfolios WHERE deleted_at IS NULL AND inception_date <= $1 ORDER BY id`,
      [work.date],
    );
    return result.rows.map((row) => row.id);
  }
  return null;
}

/** Plans the phase's steps once (kept across restarts), runs the ones not completed, and records the phase row. */
async function runPhase(runId: string, work: WorkItem, spec: PhaseSpec, deadline: number, options: ExecuteOptions): Promise<PhaseSummary> {
  const existing = await listSteps(runId);
  const prefix = stepKey(work.date, spec.key);
  let planned = [...existing.values()].filter((step) => step.stepKey === prefix || step.stepKey.startsWith(`${prefix}/`));
  if (planned.length === 0) {
    const items = await listChunkItems(spec, work);
    const plan = items === null
      ? [{ stepKey: prefix, output: {} }]
      : chunkItems(items, CHUNK_SIZE[spec.chunk!]).map((chunk, index) => ({ stepKey: stepKey(work.date, spec.key, index), output: { items: chunk } }));
    if (plan.length === 0) plan.push({ stepKey: stepKey(work.date, spec.key, 0), output: { items: [] } });
    await planSteps(runId, plan);
    planned = [...(await listSteps(runId)).values()].filter((step) => step.stepKey === prefix || step.stepKey.startsWith(`${prefix}/`));
  }
  planned.sort((a, b) => chunkIndex(a) - chunkIndex(b));
  const startedAt = new Date();
  const logs: { at: string; level: string; message: string }[] = [];
  const itemsTotal = planned.reduce((sum, step) => sum + (stepItems(step)?.length ?? 0), 0);
  await upsertPhaseRun(runId, work.date, spec.key, { status: "running", startedAt, itemsTotal });
  const phaseFunction = await spec.load();
  const summaries: PhaseSummary[] = [];
  let doneBefore = 0;
  for (const step of planned) {
    if (step.status === "completed" && step.output?.summary) {
      const summary = step.output.summary as PhaseSummary;
      summaries.push(summary);
      doneBefore += summary.itemsDone + summary.itemsFailed + summary.itemsSkipped;
      continue;
    }
    if (Date.now() > deadline) throw new RunTimeoutError(`${spec.group} for ${work.date} exceeded its time budget during ${spec.key}`);
    await markStepRunning(runId, step.stepKey);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RunTimeoutError(`${spec.group} for ${work.date} exceeded its time budget`)), Math.max(0, deadline - Date.now()));
    timer.unref();
    let lastProgressWrite = 0;
    const items = stepItems(step);
    try {
      const summary = await phaseFunction({
        calcDate: work.date,
        symbols: spec.chunk === "symbols" ? items ?? undefined : work.symbols,
        portfolioIds: spec.chunk === "portfolios" ? items ?? undefined : work.portfolioIds,
        signal: controller.signal,
        env: options.env,
        log: (level: LogLevel, message: string) => logs.push({ at: new Date().toISOString(), level, message }),
        progress: (done, total) => {
          options.onProgress?.({ runId, date: work.date, phase: spec.key, done: doneBefore + done, total: itemsTotal || total, status: "running" });
          if (Date.now() - lastProgressWrite > 1000) {
            lastProgressWrite = Date.now();
            void upsertPhaseRun(runId, work.date, spec.key, { status: "running", itemsDone: doneBefore + done, itemsTotal: itemsTotal || total }).catch(() => undefined);
          }
        },
      });
      if (controller.signal.aborted) throw controller.signal.reason;
      await markStepDone(runId, step.stepKey, "completed", { summary: compactSummary(summary) });
      summaries.push(summary);
      doneBefore += summary.itemsDone + summary.itemsFailed + summary.itemsSkipped;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await markStepDone(runId, step.stepKey, "failed", {}, message).catch(() => undefined);
      if (error instanceof RunTimeoutError) {
        await recordPhase(runId, work, spec, startedAt, logs, [...summaries, failedSummary("timeout", message)]);
        throw error;
      }
      summaries.push(failedSummary("exception", message));
    } finally {
      clearTimeout(timer);
    }
  }
  return recordPhase(runId, work, spec, startedAt, logs, summaries);
}

async function recordPhase(runId: string, work: WorkItem, spec: PhaseSpec, startedAt: Date, logs: { at: string; level: string; message: string }[], summaries: PhaseSummary[]): Promise<PhaseSummary> {
  const merged = mergeSummaries(summaries);
  const completedAt = new Date();
  await upsertPhaseRun(runId, work.date, spec.key, {
    status: merged.status, startedAt, completedAt, durationMs: completedAt.getTime() - startedAt.getTime(),
    itemsTotal: merged.itemsTotal, itemsDone: merged.itemsDone, itemsFailed: merged.itemsFailed, itemsSkipped: merged.itemsSkipped,
    errors: toErrorSummary(merged.errors), logs: logs.slice(-500),
    result: { ...merged.result, ...(merged.reason ? { reason: merged.reason } : {}), steps: summaries.length },
  });
  return merged;
}

function failedSummary(type: string, message: string): PhaseSummary {
  return { status: "failed", itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, errors: [{ type, message }], result: {}, reason: message };
}

function stepItems(step: StepRow): string[] | null {
  const items = step.output?.items;
  return Array.isArray(items) ? (items as string[]) : null;
}

function chunkIndex(step: StepRow): number {
  const last = step.stepKey.split("/").pop();
  return Number.isInteger(Number(last)) ? Number(last) : -1;
}

/** Keeps a step's stored output small (ids and counts; at most a few hundred error details). */
function compactSummary(summary: PhaseSummary): PhaseSummary {
  return { ...summary, errors: summary.errors.slice(0, MAX_ERROR_DETAILS) };
}

export function mergeSummaries(summaries: PhaseSummary[]): PhaseSummary {
  if (summaries.length === 1) return summaries[0];
  const merged: PhaseSummary = { status: "completed", itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, errors: [], result: {} };
  const numeric: Record<string, number> = {};
  for (const summary of summaries) {
    merged.itemsTotal += summary.itemsTotal;
    merged.itemsDone += summary.itemsDone;
    merged.itemsFailed += summary.itemsFailed;
    merged.itemsSkipped += summary.itemsSkipped;
    merged.errors.push(...summary.errors);
    for (const [key, value] of Object.entries(summary.result)) {
      if (typeof value === "number") numeric[key] = (numeric[key] ?? 0) + value;
      else merged.result[key] = value;
    }
    merged.reason ??= summary.reason;
  }
  Object.assign(merged.result, numeric);
  const statuses = summaries.map((summary) => summary.status);
  merged.status = statuses.every((status) => status === "skipped") ? "skipped"
    : statuses.includes("failed") ? (statuses.some((status) => status === "completed" || status === "partial") ? "partial" : "failed")
    : statuses.includes("partial") ? "partial" : "completed";
  return merged;
}

/** B16: null when there are no errors, else `{count, types, details}`. */
export function toErrorSummary(errors: PhaseErrorDetail[]): ErrorSummary | null {
  if (errors.length === 0) return null;
  return { count: errors.length, types: [...new Set(errors.map((error) => error.type))].sort(), details: errors.slice(0, MAX_ERROR_DETAILS) };
}

/** Startup: runs left `running` by a dead process are failed by heartbeat age and resumed here. */
export async function resumeInterruptedRuns(options: ExecuteOptions = {}): Promise<RunOutcome[]> {
  const stale = await getPool().query<{ id: string }>(
    `SELECT id FROM batch_runs WHERE engine = 'runner' AND
       ((status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000))
        OR (status = 'failed' AND failure_reason LIKE 'heartbeat lost%' AND completed_at > now() - interval '1 day'))
     ORDER BY started_at`,
    [HEARTBEAT_STALE_MS],
  );
  const outcomes: RunOutcome[] = [];
  for (const row of stale.rows) outcomes.push(await executeRun(row.id, options));
  return outcomes;
}
