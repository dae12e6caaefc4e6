/**
 * A run's life: created `running` under the one-run-per-job-type lock with an owner token (its lease), kept alive by
 * heartbeats, taken over by a new owner when it must resume. Staleness is judged per engine: an in-process run
 * beats every 5 s and is stale after 30 s; an Inngest run beats at every step (and inside long ones), so it is judged
 * against the step timeout, which also covers the queue's gaps between steps.
 */
import { randomUUID } from "node:crypto";
import {
  beatHeartbeat, failStaleRuns, insertRun, LeaseLostError, takeOverRun, type JobType, type RunEngine, type RunLease, type Trigger,
} from "../db/batch-runs";
import type { RunParams } from "./run-work";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 30_000;
/** The longest an Inngest step may take (the nightly's groups have 25 and 20 minute budgets), and so its staleness. */
export const INNGEST_STEP_TIMEOUT_MS = 30 * 60_000;
/** Owner prefix of a run created for another engine to claim (the dashboard's hand-off to Inngest, a continuation). */
export const HANDOFF_PREFIX = "handoff:";

export function staleAfterMs(engine: RunEngine): number {
  return engine === "inngest" ? INNGEST_STEP_TIMEOUT_MS : HEARTBEAT_STALE_MS;
}

/** A fresh owner token for one in-process execution of a run. */
export function newRunnerOwner(): string {
  return `runner:${randomUUID()}`;
}

/** The owner token of an Inngest function run: every step of it (on any instance) holds the same lease. */
export function inngestOwner(inngestRunId: string): string {
  return `inngest:${inngestRunId}`.slice(0, 64);
}

export function handoffOwner(): string {
  return `${HANDOFF_PREFIX}${randomUUID()}`;
}

/** Writes the run row (`running`) under the one-run-per-job-type lock; a second request gets a RunRefusedError. */
export async function createRun(input: {
  jobType: JobType;
  triggeredBy: Trigger;
  userId?: string | null;
  params: RunParams;
  engine?: RunEngine;
  owner?: string;
}): Promise<RunLease> {
  await failStaleRuns();
  const engine = input.engine ?? "runner";
  const owner = input.owner ?? newRunnerOwner();
  const runId = await insertRun({
    jobType: input.jobType,
    triggeredBy: input.triggeredBy,
    userId: input.userId,
    params: input.params as unknown as Record<string, unknown>,
    calcDates: [...new Set(input.params.work.map((item) => item.date))],
    engine,
    owner,
    staleAfterMs: staleAfterMs(engine),
  });
  return { runId, owner };
}

/** Takes a run over for an in-process execution with a new owner token (see takeOverRun for when that is allowed). */
export async function takeOverForThisProcess(runId: string, options: { force?: boolean; fromHandoff?: boolean } = {}): Promise<RunLease> {
  await failStaleRuns();
  const owner = newRunnerOwner();
  await takeOverRun(runId, owner, {
    engine: "runner", staleAfterMs: HEARTBEAT_STALE_MS, force: options.force, handoffPrefix: options.fromHandoff ? HANDOFF_PREFIX : undefined,
  });
  return { runId, owner };
}

/**
 * Beats every HEARTBEAT_INTERVAL_MS while `work` runs; when a beat finds the lease gone it stops beating and aborts
 * `controller` (if given) so the work stops at its next check.
 */
export function keepLeaseAlive(lease: RunLease, controller?: AbortController): () => void {
  const timer = setInterval(() => {
    void beatHeartbeat(lease).then((held) => {
      if (held) return;
      clearInterval(timer);
      controller?.abort(new LeaseLostError(lease.runId));
    }, () => undefined);
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
