import { errorMessage } from "../base/error-message";
/**
 * The in-process engine: runs (or resumes) a run step by step in this process. Every step's status and output is
 * persisted, completed steps are never repeated, and the lease is beaten while it runs. A date another run holds is
 * waited for (at most DATE_LOCK_WAIT_SECONDS, shown as `waiting for run <id>`), then the run is refused with a sentence.
 */
import pLimit from "p-limit";
import { getRunOrThrow, LeaseLostError, listInterruptedRunIds, RunRefusedError, setRunDates, type RunLease, type Trigger } from "../db/batch-runs";
import { getPhaseSpecOrThrow, type JobGroup } from "./pipeline";
import type { PhaseKey } from "./phase-types";
import { executeStep, planPhase, recordPhase, retryOnce, RunTimeoutError, type PhasePlan, type RunProgressEvent } from "./phase-steps";
import { failRunFromPhases, finishRunFromPhases, type RunFinalStatus } from "./run-finish";
import { createRun, keepLeaseAlive, takeOverForThisProcess } from "./run-lifecycle";
import { planNightly, planToRunParams } from "./run-plans";
import type { RunParams, WorkItem } from "./run-work";

export interface ExecuteOptions {
  onProgress?: (event: RunProgressEvent) => void;
  env?: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  runId: string;
  status: RunFinalStatus;
  phases: { date: string; phase: PhaseKey; status: string; itemsDone: number; itemsFailed: number }[];
  failureReason?: string;
}

/** A date held by another run for longer than the wait allows. */
class DateHeldError extends Error {}

const DEFAULT_DATE_LOCK_WAIT_SECONDS = 600;
const DATE_LOCK_POLL_MS = 250;

export function dateLockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.DATE_LOCK_WAIT_SECONDS ?? DEFAULT_DATE_LOCK_WAIT_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_DATE_LOCK_WAIT_SECONDS) * 1000;
}

/**
 * Steps of a phase run side by side in this process, as they do on Inngest: two for the portfolio phases, where one
 * step computes while the other writes and both cores work (`--workers 2` measured phases 4–6 at 1.3–1.6× their
 * one-at-a-time speed), and two for Phase 3, whose chunks mostly wait on PostgreSQL (reading the panel, COPYing the
 * factor rows): at 1× its nightly time went from 4.4 and 4.2 s to 2.6 and 2.8 s (two alternating rounds). One for
 * Phase 1, which already fetches 8 symbols at a time and writes on two connections (a second step gained nothing
 * beyond the noise). Steps never share a symbol or a portfolio, so their order does not change a row.
 */
export function stepsInFlight(phaseKey: PhaseKey): number {
  if (phaseKey === "phase_1_market_data") return 1;
  return getPhaseSpecOrThrow(phaseKey).chunk === null ? 1 : 2;
}

/**
 * Runs `run` for each key, at most `inFlight` at once, in order. After a failure no further step starts; the ones
 * running finish, then the first failure is returned.
 */
async function runSideBySide(keys: readonly string[], inFlight: number, run: (key: string) => Promise<void>): Promise<{ error: unknown } | null> {
  const limit = pLimit(inFlight);
  let failure: { error: unknown } | null = null;
  await Promise.all(keys.map((key) => limit(async () => {
    if (failure) return;
    await run(key).catch((error: unknown) => {
      failure ??= { error };
    });
  })));
  return failure;
}

/** A phase's items done while its steps run side by side: finished steps' counts plus each running step's progress. */
function phaseProgress(itemsTotal: number) {
  let finished = 0;
  const running = new Map<string, number>();
  const done = () => finished + [...running.values()].reduce((sum, items) => sum + items, 0);
  return {
    ofStep: (key: string) => ({
      itemsTotal,
      phaseDone: (stepDone: number) => {
        running.set(key, stepDone);
        return done();
      },
    }),
    finish: (key: string, items: number) => {
      running.delete(key);
      finished += items;
    },
  };
}

/** Plans a phase, waiting while another run holds its date. */
async function planWaiting(lease: RunLease, work: WorkItem, phaseKey: PhaseKey, options: ExecuteOptions): Promise<PhasePlan> {
  const waitMs = dateLockWaitMs(options.env ?? process.env);
  const started = Date.now();
  for (;;) {
    const plan = await planPhase(lease, work, phaseKey);
    if (!plan.waitingFor) return plan;
    const group = getPhaseSpecOrThrow(phaseKey).group;
    if (Date.now() - started >= waitMs) {
      throw new DateHeldError(`${work.date} (${group}) is being written by run ${plan.waitingFor}, which still held it after ${Math.round(waitMs / 1000)} s; run this again once it finishes.`);
    }
    options.onProgress?.({ runId: lease.runId, date: work.date, phase: phaseKey, done: 0, total: 0, status: `waiting for run ${plan.waitingFor}` });
    await new Promise((resolve) => setTimeout(resolve, DATE_LOCK_POLL_MS));
  }
}

/** Runs a run this process holds (see createRun / resumeRun) to its end and returns the outcome. */
export async function executeRun(lease: RunLease, options: ExecuteOptions = {}): Promise<RunOutcome> {
  const run = await getRunOrThrow(lease.runId);
  const params = run.params as unknown as RunParams;
  const stopBeating = keepLeaseAlive(lease);
  const outcome: RunOutcome = { runId: lease.runId, status: "completed", phases: [] };
  try {
    await setRunDates(lease, [...new Set(params.work.map((item) => item.date))]);
    for (const work of params.work) {
      const deadlines = groupDeadlines(options.env ?? process.env);
      for (const phaseKey of work.phases) {
        const plan = await planWaiting(lease, work, phaseKey, options);
        if (plan.blocked) {
          outcome.phases.push({ date: work.date, phase: phaseKey, status: "blocked", itemsDone: 0, itemsFailed: 0 });
          continue;
        }
        const deadline = deadlines[getPhaseSpecOrThrow(phaseKey).group]();
        const progress = phaseProgress(plan.itemsTotal);
        const failure = await runSideBySide(plan.stepKeys, stepsInFlight(phaseKey), async (key) => {
          const counts = await executeStep(lease, work, phaseKey, key, {
            deadline, env: options.env, onProgress: options.onProgress, progress: progress.ofStep(key),
          });
          progress.finish(key, counts.itemsDone + counts.itemsFailed + counts.itemsSkipped);
        });
        if (failure) {
          if (failure.error instanceof RunTimeoutError && failure.error.inFlight) await recordPhase(lease, work, phaseKey);
          throw failure.error;
        }
        const recorded = await recordPhase(lease, work, phaseKey);
        outcome.phases.push({ date: work.date, phase: phaseKey, status: recorded.status, itemsDone: recorded.itemsDone, itemsFailed: recorded.itemsFailed });
      }
    }
    outcome.status = (await finishRunFromPhases(lease)).status;
    return outcome;
  } catch (error) {
    const reason = error instanceof RunTimeoutError ? `timeout: ${error.message}` : errorMessage(error);
    outcome.status = "failed";
    outcome.failureReason = reason;
    // A run taken over by another owner is theirs now: nothing more is written here.
    if (error instanceof LeaseLostError) return outcome;
    const type = error instanceof RunTimeoutError ? "timeout" : error instanceof DateHeldError ? "refused" : "exception";
    await retryOnce(() => failRunFromPhases(lease, reason, type)).catch((failure: unknown) => {
      console.error(`run ${lease.runId}: could not record its failure (${reason}):`, failure);
    });
    return outcome;
  } finally {
    stopBeating();
  }
}

/** Takes a run over in this process (a failed one, one whose lease went stale, or any with `force`) and runs it. */
export async function resumeRun(runId: string, options: ExecuteOptions & { force?: boolean } = {}): Promise<RunOutcome> {
  const lease = await takeOverForThisProcess(runId, { force: options.force });
  return executeRun(lease, options);
}

/** Per-date wall-clock budgets of the two job groups; the clock starts when the group's first phase starts. */
function groupDeadlines(env: NodeJS.ProcessEnv): Record<JobGroup, () => number> {
  const limits = {
    symbol_batch: Number(env.SYMBOL_BATCH_TIMEOUT_SECONDS ?? 1500) * 1000,
    portfolio_refresh: Number(env.PORTFOLIO_REFRESH_TIMEOUT_SECONDS ?? 1200) * 1000,
  };
  const started: Partial<Record<JobGroup, number>> = {};
  const deadline = (group: JobGroup) => () => {
    started[group] ??= Date.now();
    return started[group]! + limits[group];
  };
  return { symbol_batch: deadline("symbol_batch"), portfolio_refresh: deadline("portfolio_refresh") };
}

/** Startup: runs left `running` by a dead process (stale lease) or failed by it, resumed here. */
export async function resumeInterruptedRuns(options: ExecuteOptions = {}): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const runId of await listInterruptedRunIds()) {
    try {
      outcomes.push(await resumeRun(runId, options));
    } catch (error) {
      // Another live run of the job type holds the lock: this one stays failed (resumable later), the others go on.
      if (!(error instanceof RunRefusedError)) throw error;
    }
  }
  return outcomes;
}

/** The nightly catch-up, run to completion in this process (CLI and `start`); refused if one is running. */
export async function startNightlyInProcess(input: {
  triggeredBy: Trigger;
  onProgress?: (event: RunProgressEvent) => void;
  now?: Date;
  env?: NodeJS.ProcessEnv;
}): Promise<RunOutcome & { dates: string[] }> {
  const plan = await planNightly(input.now);
  const lease = await createRun({ jobType: "nightly", triggeredBy: input.triggeredBy, params: planToRunParams(plan, { dates: plan.dates }) });
  const outcome = await executeRun(lease, { onProgress: input.onProgress, env: input.env });
  return { ...outcome, dates: plan.dates };
}
