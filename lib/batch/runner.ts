import {
  beatHeartbeat, failStaleRuns, finishRun, getPhaseStartedAt, getRunOrThrow, insertRun, listActivePortfolioIds, listDonePhaseKeys,
  listFailedPhaseKeys, listFinishedPhaseRows, listInterruptedRunIds, listPhaseStepRows, markRunOnInngest, markStepDone, markStepRunning,
  planSteps, reopenRun, RunRefusedError, setRunDates, updatePhaseProgress, upsertPhaseRun, type ErrorSummary, type JobType, type StepRow, type Trigger,
} from "../db/batch-runs";
import { CHUNK_SIZE, getPhaseSpecOrThrow, type PhaseSpec } from "./pipeline";
import type { LogLevel, PhaseErrorDetail, PhaseKey, PhaseSummary } from "./phase-types";
import { chunkItems, stepKey, type RunParams, type WorkItem } from "./run-work";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 30_000;
const MAX_ERROR_DETAILS = 200;
const MAX_STEP_LOGS = 200;

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

class RunTimeoutError extends Error {
  /** True when a chunk was cut off mid-flight (its phase row is then recorded before the run fails). */
  constructor(message: string, readonly inFlight = false) {
    super(message);
  }
}

interface LogEntry {
  at: string;
  level: string;
  message: string;
}

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
 * repeated, and a heartbeat keeps the job type's lock alive. The Inngest functions call the same four building blocks
 * (planPhase → executeStep × n → recordPhase, then finishRunFromPhases), one durable step each.
 */
export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
  const run = await getRunOrThrow(runId);
  if (run.status !== "running") await reopenRun(runId);
  const params = run.params as unknown as RunParams;
  const heartbeat = setInterval(() => void beatHeartbeat(runId).catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  const outcome: RunOutcome = { runId, status: "completed", phases: [] };
  try {
    await setRunDates(runId, params.work.map((item) => item.date));
    for (const work of params.work) {
      const deadlines = groupDeadlines(options.env ?? process.env);
      for (const phaseKey of work.phases) {
        const plan = await planPhase(runId, work, phaseKey);
        if (plan.blocked) {
          outcome.phases.push({ date: work.date, phase: phaseKey, status: "blocked", itemsDone: 0, itemsFailed: 0 });
          continue;
        }
        const spec = getPhaseSpecOrThrow(phaseKey);
        const deadline = deadlines[spec.group]();
        let doneBefore = 0;
        for (const key of plan.stepKeys) {
          try {
            const counts = await executeStep(runId, work, phaseKey, key, {
              deadline, env: options.env, onProgress: options.onProgress, progress: { doneBefore, itemsTotal: plan.itemsTotal },
            });
            doneBefore += counts.itemsDone + counts.itemsFailed + counts.itemsSkipped;
          } catch (error) {
            if (error instanceof RunTimeoutError && error.inFlight) await recordPhase(runId, work, phaseKey);
            throw error;
          }
        }
        const recorded = await recordPhase(runId, work, phaseKey);
        outcome.phases.push({ date: work.date, phase: phaseKey, status: recorded.status, itemsDone: recorded.itemsDone, itemsFailed: recorded.itemsFailed });
      }
    }
    outcome.status = (await finishRunFromPhases(runId)).status;
    return outcome;
  } catch (error) {
    const reason = error instanceof RunTimeoutError ? `timeout: ${error.message}` : error instanceof Error ? error.message : String(error);
    outcome.status = "failed";
    outcome.failureReason = reason;
    await retryOnce(() => failRunFromPhases(runId, reason, error instanceof RunTimeoutError ? "timeout" : "exception")).catch(() => undefined);
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
    const { getSymbolsToProcess } = await import("../db/symbols-to-process");
    return (await getSymbolsToProcess(work.date)).symbols;
  }
  if (spec.chunk === "portfolios") {
    if (work.portfolioIds) return [...work.portfolioIds];
    return listActivePortfolioIds(work.date);
  }
  return null;
}

/** The phase's planned steps (one date, one phase) in chunk order. */
async function listPhaseSteps(runId: string, date: string, phaseKey: PhaseKey): Promise<StepRow[]> {
  const prefix = stepKey(date, phaseKey);
  const steps = await listPhaseStepRows(runId, prefix);
  return steps.sort((a, b) => chunkIndex(a) - chunkIndex(b));
}

/** D10: the reason a portfolio phase of this date is blocked, when a critical symbol phase of the date failed in this run. */
async function blockedReason(runId: string, work: WorkItem, spec: PhaseSpec): Promise<string | undefined> {
  if (spec.group !== "portfolio_refresh") return undefined;
  const critical = work.phases.filter((key) => {
    const phase = getPhaseSpecOrThrow(key);
    return phase.critical && phase.group === "symbol_batch";
  });
  if (critical.length === 0) return undefined;
  const failed = await listFailedPhaseKeys(runId, work.date, critical);
  if (failed.length === 0) return undefined;
  const keys = critical.filter((key) => failed.includes(key));
  return `blocked: the symbol batch failed for ${work.date} (${keys.join(", ")})`;
}

/**
 * Plans one phase of one date: its chunk steps are written to batch_steps once (a resumed run keeps its plan) and the
 * phase row is marked running. A portfolio phase whose date's critical symbol phase failed is recorded as blocked.
 */
export async function planPhase(runId: string, work: WorkItem, phaseKey: PhaseKey): Promise<{ stepKeys: string[]; itemsTotal: number; blocked?: string }> {
  const spec = getPhaseSpecOrThrow(phaseKey);
  await beatHeartbeat(runId);
  const blocked = await blockedReason(runId, work, spec);
  if (blocked) {
    await upsertPhaseRun(runId, work.date, phaseKey, { status: "blocked", result: { reason: blocked }, errors: null });
    return { stepKeys: [], itemsTotal: 0, blocked };
  }
  let planned = await listPhaseSteps(runId, work.date, phaseKey);
  if (planned.length === 0) {
    const prefix = stepKey(work.date, phaseKey);
    const items = await listChunkItems(spec, work);
    const plan = items === null
      ? [{ stepKey: prefix, output: {} }]
      : chunkItems(items, CHUNK_SIZE[spec.chunk!]).map((chunk, index) => ({ stepKey: stepKey(work.date, phaseKey, index), output: { items: chunk } }));
    if (plan.length === 0) plan.push({ stepKey: stepKey(work.date, phaseKey, 0), output: { items: [] } });
    await planSteps(runId, plan);
    planned = await listPhaseSteps(runId, work.date, phaseKey);
  }
  const itemsTotal = planned.reduce((sum, step) => sum + (stepItems(step)?.length ?? 0), 0);
  await upsertPhaseRun(runId, work.date, phaseKey, { status: "running", startedAt: new Date(), itemsTotal });
  return { stepKeys: planned.map((step) => step.stepKey), itemsTotal };
}

export interface StepOptions {
  /** Wall-clock deadline (ms since epoch) of the phase's job group; the in-process runner's time budget. */
  deadline?: number;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: RunProgressEvent) => void;
  /** Sequential callers (the in-process runner) pass the phase's progress so far; parallel callers leave it out. */
  progress?: { doneBefore: number; itemsTotal: number };
  /** Rethrow an exception of the phase (after recording the attempt) so the caller's engine retries the step. */
  rethrow?: boolean;
}

export interface StepCounts {
  status: PhaseSummary["status"];
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
}

function countsOf(summary: PhaseSummary): StepCounts {
  return { status: summary.status, itemsDone: summary.itemsDone, itemsFailed: summary.itemsFailed, itemsSkipped: summary.itemsSkipped };
}

/**
 * Runs one planned chunk step unless it already completed (idempotent under retries and resumes). The chunk's summary
 * and logs are stored on the step row; only counts are returned. An exception of the phase is recorded as a failed
 * step; it is rethrown only with `rethrow` (so Inngest retries it) or when the time budget ran out.
 */
export async function executeStep(runId: string, work: WorkItem, phaseKey: PhaseKey, key: string, options: StepOptions = {}): Promise<StepCounts> {
  const spec = getPhaseSpecOrThrow(phaseKey);
  const step = (await listPhaseSteps(runId, work.date, phaseKey)).find((row) => row.stepKey === key);
  if (!step) throw new Error(`Run ${runId} has no planned step "${key}"; plan ${stepKey(work.date, phaseKey)} first.`);
  if (step.status === "completed" && step.output?.summary) return countsOf(step.output.summary as PhaseSummary);
  const deadline = options.deadline;
  if (deadline !== undefined && Date.now() > deadline) {
    throw new RunTimeoutError(`${spec.group} for ${work.date} exceeded its time budget during ${phaseKey}`);
  }
  const phaseFunction = await spec.load();
  await markStepRunning(runId, key);
  const heartbeat = setInterval(() => void beatHeartbeat(runId).catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  const controller = new AbortController();
  const timer = deadline === undefined ? undefined
    : setTimeout(() => controller.abort(new RunTimeoutError(`${spec.group} for ${work.date} exceeded its time budget`, true)), Math.max(0, deadline - Date.now()));
  timer?.unref();
  const logs: LogEntry[] = [];
  const items = stepItems(step);
  let lastProgressWrite = 0;
  try {
    const summary = await phaseFunction({
      calcDate: work.date,
      symbols: spec.chunk === "symbols" ? items ?? undefined : work.symbols,
      portfolioIds: spec.chunk === "portfolios" ? items ?? undefined : work.portfolioIds,
      signal: controller.signal,
      env: options.env,
      log: (level: LogLevel, message: string) => logs.push({ at: new Date().toISOString(), level, message }),
      progress: (done, total) => {
        const base = options.progress;
        options.onProgress?.({ runId, date: work.date, phase: phaseKey, done: (base?.doneBefore ?? 0) + done, total: base?.itemsTotal || total, status: "running" });
        if (base && Date.now() - lastProgressWrite > 1000) {
          lastProgressWrite = Date.now();
          void updatePhaseProgress(runId, work.date, phaseKey, base.doneBefore + done, base.itemsTotal || total).catch(() => undefined);
        }
      },
    });
    if (controller.signal.aborted) throw controller.signal.reason;
    await markStepDone(runId, key, "completed", { summary: compactSummary(summary), logs: logs.slice(-MAX_STEP_LOGS) });
    return countsOf(summary);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const timedOut = error instanceof RunTimeoutError;
    const failed = failedSummary(timedOut ? "timeout" : "exception", message);
    await retryOnce(() => markStepDone(runId, key, "failed", { summary: failed, logs: logs.slice(-MAX_STEP_LOGS) }, message)).catch(() => undefined);
    if (timedOut) throw new RunTimeoutError(error.message, true);
    if (options.rethrow) throw error;
    return countsOf(failed);
  } finally {
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
  }
}

/** Merges the phase's stored step summaries (and logs) into its batch_phase_runs row. */
export async function recordPhase(runId: string, work: WorkItem, phaseKey: PhaseKey): Promise<{ status: PhaseSummary["status"]; itemsDone: number; itemsFailed: number }> {
  await beatHeartbeat(runId);
  const steps = await listPhaseSteps(runId, work.date, phaseKey);
  // A planned step without a stored summary never finished (cut off, or its failure could not be written): it counts
  // as failed, so a phase is never recorded complete while a chunk of its items was not processed.
  const summaries = steps.map((step) => (step.output?.summary as PhaseSummary | undefined)
    ?? failedSummary("exception", `${step.stepKey} did not finish (step ${step.status})`));
  const logs = steps.flatMap((step) => (Array.isArray(step.output?.logs) ? (step.output.logs as LogEntry[]) : []));
  const merged = summaries.length === 0
    ? failedSummary("exception", `${phaseKey} for ${work.date} has no finished step to record`)
    : mergeSummaries(summaries);
  const completedAt = new Date();
  const startedAt = (await getPhaseStartedAt(runId, work.date, phaseKey)) ?? completedAt;
  await upsertPhaseRun(runId, work.date, phaseKey, {
    status: merged.status, startedAt, completedAt, durationMs: completedAt.getTime() - startedAt.getTime(),
    itemsTotal: merged.itemsTotal, itemsDone: merged.itemsDone, itemsFailed: merged.itemsFailed, itemsSkipped: merged.itemsSkipped,
    errors: toErrorSummary(merged.errors), logs: logs.slice(-500),
    result: { ...merged.result, ...(merged.reason ? { reason: merged.reason } : {}), steps: summaries.length },
  });
  return { status: merged.status, itemsDone: merged.itemsDone, itemsFailed: merged.itemsFailed };
}

interface PhaseRowTotals {
  statuses: string[];
  totalItems: number;
  completedItems: number;
  failedItems: number;
  errorSummary: ErrorSummary | null;
}

async function phaseRowTotals(runId: string): Promise<PhaseRowTotals> {
  const rows = await listFinishedPhaseRows(runId);
  const errors = rows.map((row) => row.errors).filter((summary): summary is ErrorSummary => Boolean(summary));
  const errorSummary = errors.length === 0 ? null : {
    count: errors.reduce((sum, summary) => sum + summary.count, 0),
    types: [...new Set(errors.flatMap((summary) => summary.types))].sort(),
    details: errors.flatMap((summary) => summary.details).slice(0, MAX_ERROR_DETAILS),
  };
  return {
    statuses: rows.map((row) => row.status),
    totalItems: rows.reduce((sum, row) => sum + row.itemsTotal, 0),
    completedItems: rows.reduce((sum, row) => sum + row.itemsDone, 0),
    failedItems: rows.reduce((sum, row) => sum + row.itemsFailed, 0),
    errorSummary,
  };
}

/** Finishes the run from its recorded phases: failed/blocked phases make it partial (or failed when nothing succeeded). */
export async function finishRunFromPhases(runId: string): Promise<{ status: RunOutcome["status"] }> {
  const totals = await phaseRowTotals(runId);
  const statuses = totals.statuses;
  const status: RunOutcome["status"] = statuses.some((value) => value === "failed" || value === "blocked")
    ? (statuses.some((value) => value === "completed" || value === "partial") ? "partial" : "failed")
    : statuses.some((value) => value === "partial") ? "partial" : "completed";
  await finishRun(runId, { status, totalItems: totals.totalItems, completedItems: totals.completedItems, failedItems: totals.failedItems, errorSummary: totals.errorSummary });
  return { status };
}

/** Finishes the run as failed (an exception or timeout outside a phase), keeping the counts recorded so far. */
export async function failRunFromPhases(runId: string, reason: string, type: "timeout" | "exception" = "exception"): Promise<{ status: "failed" }> {
  const totals = await phaseRowTotals(runId);
  const prior = totals.errorSummary?.details ?? [];
  const errorSummary = toErrorSummary([...prior, { type, message: reason }])!;
  if (totals.errorSummary) {
    errorSummary.count = totals.errorSummary.count + 1;
    errorSummary.types = [...new Set([...totals.errorSummary.types, type])].sort();
  }
  await finishRun(runId, { status: "failed", totalItems: totals.totalItems, completedItems: totals.completedItems, failedItems: totals.failedItems, errorSummary, failureReason: reason });
  return { status: "failed" };
}

/** Bookkeeping after a dropped connection: the first try may draw a pooled client whose connection just died. */
async function retryOnce<T>(write: () => Promise<T>, delayMs = 250): Promise<T> {
  try {
    return await write();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return write();
  }
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

/** What an Inngest function asks for; the run is planned by lib/batch/actions and created here without launching it. */
export type RunRequest =
  | { kind: "nightly"; triggeredBy: Trigger; userId?: string | null }
  | { kind: "rerun"; date: string; phase: string; symbols?: string[]; triggeredBy: Trigger; userId?: string | null }
  | { kind: "backfill"; from: string; to: string; reprocess: "missing" | "failed" | "all"; triggeredBy: Trigger; userId?: string | null };

/** The work of a run as the Inngest loop needs it: dates, phase keys and (for reruns) the ids to restrict to. */
export interface RunSteps {
  runId: string;
  work: WorkItem[];
}

/** Plans a request with lib/batch/actions (same validation as the dashboard) and creates the run (engine inngest). */
export async function createRunFromRequest(request: RunRequest, now = new Date()): Promise<RunSteps> {
  const { planNightly, previewBackfill, previewRerun, MAX_NIGHTLY_DATES } = await import("./actions");
  let params: RunParams;
  if (request.kind === "nightly") {
    const plan = await planNightly(now);
    const dates = plan.dates.slice(-MAX_NIGHTLY_DATES);
    params = { work: dates.map((date) => ({ date, phases: plan.phases })), request: { dates } };
  } else if (request.kind === "rerun") {
    const plan = await previewRerun({ date: request.date, phase: request.phase }, now);
    const step = plan.steps[0];
    const symbols = request.symbols?.length ? [...new Set(request.symbols)].sort() : undefined;
    params = { work: [{ date: step.date, phases: [step.phase], ...(symbols ? { symbols } : {}) }], request: { date: request.date, phase: request.phase, symbols } };
  } else {
    const plan = await previewBackfill({ from: request.from, to: request.to, reprocess: request.reprocess, confirmLargeRange: true }, now);
    params = { work: plan.dates.map((date) => ({ date, phases: plan.phases })), request: { from: request.from, to: request.to, reprocess: request.reprocess } };
  }
  const runId = await createRun({ jobType: request.kind, triggeredBy: request.triggeredBy, userId: request.userId, params, engine: "inngest" });
  return { runId, work: params.work };
}

/**
 * Takes over a run created elsewhere (the dashboard, via the launcher) for Inngest: reopens it if it was failed by a
 * lost heartbeat, marks its engine, and returns the phases that still need work: completed/skipped phases are left out,
 * and with `skipRecorded` (a continuation after the step budget) every phase already recorded.
 */
export async function startRunSteps(runId: string, options: { skipRecorded?: boolean } = {}): Promise<RunSteps> {
  const run = await getRunOrThrow(runId);
  if (run.status !== "running") await reopenRun(runId);
  await markRunOnInngest(runId);
  const params = run.params as unknown as RunParams;
  await setRunDates(runId, params.work.map((item) => item.date));
  const finished = await listDonePhaseKeys(runId, options.skipRecorded === true);
  const work = params.work
    .map((item) => ({ ...item, phases: item.phases.filter((phase) => !finished.has(stepKey(item.date, phase))) }))
    .filter((item) => item.phases.length > 0);
  return { runId, work };
}

/** Startup: runs left `running` by a dead process are failed by heartbeat age and resumed here. */
export async function resumeInterruptedRuns(options: ExecuteOptions = {}): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const runId of await listInterruptedRunIds(HEARTBEAT_STALE_MS)) {
    try {
      outcomes.push(await executeRun(runId, options));
    } catch (error) {
      // Another live run of the job type holds the lock: this one stays failed (resumable later), the others go on.
      if (!(error instanceof RunRefusedError)) throw error;
    }
  }
  return outcomes;
}
