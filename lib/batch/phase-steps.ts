import { errorMessage } from "../base/error-message";
/**
 * The building blocks every engine runs a phase with (the in-process loop and the Inngest functions, one durable step
 * each): planPhase → executeStep × chunks → recordPhase. Each takes the run's lease: it beats the heartbeat and
 * every write to the run's rows is conditional on holding it. planPhase takes the date lock of the phase's group
 * (one writer per date and group across job types) or reports the run that holds it; recordPhase of the group's
 * last phase releases it.
 */
import { listActivePortfolioIds } from "../db/active-portfolios";
import { releaseDateLock, tryAcquireDateLock } from "../db/batch-date-locks";
import { getPhaseStartedAt, listFailedPhaseKeys, updatePhaseProgress, upsertPhaseRun } from "../db/batch-phase-runs";
import { assertLease, fenceLease, LeaseLostError, setRunWaiting, type RunLease } from "../db/batch-runs";
import { getPhaseStepRow, listPhaseStepRows, markStepDone, markStepRunning, planSteps, type StepRow } from "../db/batch-steps";
import { getSymbolsToProcess } from "../db/symbols-to-process";
import { CHUNK_SIZE, getPhaseSpecOrThrow, type PhaseSpec } from "./pipeline";
import type { LogLevel, PhaseKey, PhaseSummary } from "./phase-types";
import { keepLeaseAlive } from "./run-lifecycle";
import { compactSummary, failedSummary, mergeSummaries, MAX_STEP_LOGS, toErrorSummary, type LogEntry } from "./run-summaries";
import { chunkItems, stepKey, type WorkItem } from "./run-work";

export interface RunProgressEvent {
  runId: string;
  date: string;
  phase: PhaseKey;
  done: number;
  total: number;
  status: string;
}

/** The phase's group ran out of its time budget. */
export class RunTimeoutError extends Error {
  /** True when a chunk was cut off mid-flight (its phase row is then recorded before the run fails). */
  constructor(message: string, readonly inFlight = false) {
    super(message);
  }
}

export interface PhasePlan {
  stepKeys: string[];
  itemsTotal: number;
  blocked?: string;
  /** Another live run holds this date's lock for the phase's group: wait and plan again. */
  waitingFor?: string;
}

/** The last phase of `phase`'s group among the work item's phases (where the group's date lock is released). */
function isLastOfGroup(work: WorkItem, phaseKey: PhaseKey): boolean {
  const group = getPhaseSpecOrThrow(phaseKey).group;
  const ofGroup = work.phases.filter((key) => getPhaseSpecOrThrow(key).group === group);
  return ofGroup[ofGroup.length - 1] === phaseKey;
}

async function listChunkItems(spec: PhaseSpec, work: WorkItem): Promise<string[] | null> {
  if (spec.chunk === "symbols") return work.symbols ? [...work.symbols] : (await getSymbolsToProcess(work.date)).symbols;
  if (spec.chunk === "portfolios") return work.portfolioIds ? [...work.portfolioIds] : listActivePortfolioIds(work.date);
  return null;
}

/** The phase's planned steps (one date, one phase) in chunk order. */
async function listPhaseSteps(runId: string, date: string, phaseKey: PhaseKey): Promise<StepRow[]> {
  const steps = await listPhaseStepRows(runId, stepKey(date, phaseKey));
  return steps.sort((a, b) => chunkIndex(a) - chunkIndex(b));
}

/** The reason a portfolio phase of this date is blocked: a critical symbol phase of the date failed in this run. */
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
 * Plans one phase of one date: takes the group's date lock (or reports who holds it), writes the chunk steps to
 * batch_steps once (a resumed run keeps its plan) and marks the phase row running. A portfolio phase whose date's
 * critical symbol phase failed is recorded as blocked.
 */
export async function planPhase(lease: RunLease, work: WorkItem, phaseKey: PhaseKey): Promise<PhasePlan> {
  const spec = getPhaseSpecOrThrow(phaseKey);
  await assertLease(lease);
  const holder = await tryAcquireDateLock(lease, work.date, spec.group);
  if (holder) {
    await setRunWaiting(lease, `waiting for run ${holder}`);
    return { stepKeys: [], itemsTotal: 0, waitingFor: holder };
  }
  const blocked = await blockedReason(lease.runId, work, spec);
  if (blocked) {
    await upsertPhaseRun(lease, work.date, phaseKey, { status: "blocked", result: { reason: blocked }, errors: null });
    if (isLastOfGroup(work, phaseKey)) await releaseDateLock(lease.runId, work.date, spec.group);
    return { stepKeys: [], itemsTotal: 0, blocked };
  }
  let planned = await listPhaseSteps(lease.runId, work.date, phaseKey);
  if (planned.length === 0) {
    const prefix = stepKey(work.date, phaseKey);
    const items = await listChunkItems(spec, work);
    const plan = items === null
      ? [{ stepKey: prefix, output: {} }]
      : chunkItems(items, CHUNK_SIZE[spec.chunk!]).map((chunk, index) => ({ stepKey: stepKey(work.date, phaseKey, index), output: { items: chunk } }));
    if (plan.length === 0) plan.push({ stepKey: stepKey(work.date, phaseKey, 0), output: { items: [] } });
    await planSteps(lease, plan);
    planned = await listPhaseSteps(lease.runId, work.date, phaseKey);
  }
  const itemsTotal = planned.reduce((sum, step) => sum + (stepItems(step)?.length ?? 0), 0);
  await upsertPhaseRun(lease, work.date, phaseKey, { status: "running", startedAt: new Date(), itemsTotal });
  return { stepKeys: planned.map((step) => step.stepKey), itemsTotal };
}

export interface StepOptions {
  /** Wall-clock deadline (ms since epoch) of the phase's job group; the in-process runner's time budget. */
  deadline?: number;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: RunProgressEvent) => void;
  /**
   * The in-process runner's view of the whole phase: `phaseDone` turns this step's items done into the phase's
   * (counting its other steps, finished or running beside it). Inngest's callers leave it out.
   */
  progress?: { itemsTotal: number; phaseDone: (stepDone: number) => number };
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
 * step; it is rethrown only with `rethrow` (so Inngest retries it), when the time budget ran out or the lease is gone.
 */
export async function executeStep(lease: RunLease, work: WorkItem, phaseKey: PhaseKey, key: string, options: StepOptions = {}): Promise<StepCounts> {
  const spec = getPhaseSpecOrThrow(phaseKey);
  // The step's own row: reading every step of the phase (each with its item list) per chunk grew with the book squared.
  const step = key === stepKey(work.date, phaseKey) || key.startsWith(`${stepKey(work.date, phaseKey)}/`) ? await getPhaseStepRow(lease.runId, key) : null;
  if (!step) throw new Error(`Run ${lease.runId} has no planned step "${key}"; plan ${stepKey(work.date, phaseKey)} first.`);
  if (step.status === "completed" && step.output?.summary) return countsOf(step.output.summary as PhaseSummary);
  const deadline = options.deadline;
  if (deadline !== undefined && Date.now() > deadline) {
    throw new RunTimeoutError(`${spec.group} for ${work.date} exceeded its time budget during ${phaseKey}`);
  }
  const phaseFunction = await spec.load();
  // A beat at every step start: on Inngest the steps of a run may come from different instances, minutes apart.
  await assertLease(lease);
  await markStepRunning(lease, key);
  const controller = new AbortController();
  const stopBeating = keepLeaseAlive(lease, controller);
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
      mode: work.mode,
      signal: controller.signal,
      fence: (db) => fenceLease(db, lease),
      env: options.env,
      log: (level: LogLevel, message: string) => logs.push({ at: new Date().toISOString(), level, message }),
      progress: (done, total) => {
        const base = options.progress;
        const phaseDone = base ? base.phaseDone(done) : done;
        options.onProgress?.({ runId: lease.runId, date: work.date, phase: phaseKey, done: phaseDone, total: base?.itemsTotal || total, status: "running" });
        if (base && Date.now() - lastProgressWrite > 1000) {
          lastProgressWrite = Date.now();
          void updatePhaseProgress(lease, work.date, phaseKey, phaseDone, base.itemsTotal || total).catch(() => undefined);
        }
      },
    });
    if (controller.signal.aborted) throw controller.signal.reason;
    await markStepDone(lease, key, "completed", { summary: compactSummary(summary), logs: logs.slice(-MAX_STEP_LOGS) });
    return countsOf(summary);
  } catch (error) {
    const cause = controller.signal.aborted ? controller.signal.reason : error;
    const message = errorMessage(cause);
    const timedOut = cause instanceof RunTimeoutError;
    const failed = failedSummary(timedOut ? "timeout" : "exception", message);
    await retryOnce(() => markStepDone(lease, key, "failed", { summary: failed, logs: logs.slice(-MAX_STEP_LOGS) }, message)).catch(() => undefined);
    if (timedOut) throw new RunTimeoutError(message, true);
    if (options.rethrow || cause instanceof LeaseLostError) throw cause;
    return countsOf(failed);
  } finally {
    stopBeating();
    if (timer) clearTimeout(timer);
  }
}

/** Merges the phase's stored step summaries (and logs) into its batch_phase_runs row; the group's last phase frees the date. */
export async function recordPhase(lease: RunLease, work: WorkItem, phaseKey: PhaseKey): Promise<{ status: PhaseSummary["status"]; itemsDone: number; itemsFailed: number }> {
  await assertLease(lease);
  const steps = await listPhaseSteps(lease.runId, work.date, phaseKey);
  // A planned step without a stored summary never finished (cut off, or its failure could not be written): it counts
  // as failed, so a phase is never recorded complete while a chunk of its items was not processed.
  const summaries = steps.map((step) => (step.output?.summary as PhaseSummary | undefined)
    ?? failedSummary("exception", `${step.stepKey} did not finish (step ${step.status})`));
  const logs = steps.flatMap((step) => (Array.isArray(step.output?.logs) ? (step.output.logs as LogEntry[]) : []));
  const merged = summaries.length === 0
    ? failedSummary("exception", `${phaseKey} for ${work.date} has no finished step to record`)
    : mergeSummaries(summaries);
  const completedAt = new Date();
  const startedAt = (await getPhaseStartedAt(lease.runId, work.date, phaseKey)) ?? completedAt;
  await upsertPhaseRun(lease, work.date, phaseKey, {
    status: merged.status, startedAt, completedAt, durationMs: completedAt.getTime() - startedAt.getTime(),
    itemsTotal: merged.itemsTotal, itemsDone: merged.itemsDone, itemsFailed: merged.itemsFailed, itemsSkipped: merged.itemsSkipped,
    errors: toErrorSummary(merged.errors), logs: logs.slice(-500),
    result: { ...merged.result, ...(merged.reason ? { reason: merged.reason } : {}), steps: summaries.length },
  });
  if (isLastOfGroup(work, phaseKey)) await releaseDateLock(lease.runId, work.date, getPhaseSpecOrThrow(phaseKey).group);
  return { status: merged.status, itemsDone: merged.itemsDone, itemsFailed: merged.itemsFailed };
}

/** Bookkeeping after a dropped connection: the first try may draw a pooled client whose connection just died. */
export async function retryOnce<T>(write: () => Promise<T>, delayMs = 250): Promise<T> {
  try {
    return await write();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return write();
  }
}

function stepItems(step: StepRow): string[] | null {
  const items = step.output?.items;
  return Array.isArray(items) ? (items as string[]) : null;
}

function chunkIndex(step: StepRow): number {
  const last = step.stepKey.split("/").pop();
  return Number.isInteger(Number(last)) ? Number(last) : -1;
}
