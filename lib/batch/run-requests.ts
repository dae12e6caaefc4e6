/**
 * The Inngest side of starting a run: a request (nightly, rerun, backfill) is planned like the dashboard's and the
 * run created under the Inngest function run's owner token; a run handed over (by the dashboard or a continuation)
 * is claimed by it. Returns the work the durable loop still has to do.
 */
import { findRunningRunOwnedBy, getRunOrThrow, handOffRun, setRunDates, takeOverRun, type RunLease, type Trigger } from "../db/batch-runs";
import { listDonePhaseKeys } from "../db/batch-phase-runs";
import { createRun, HANDOFF_PREFIX, handoffOwner, INNGEST_STEP_TIMEOUT_MS } from "./run-lifecycle";
import { planNightly, planToRunParams, previewBackfill, previewRerun, type RunPlan } from "./run-plans";
import { stepKey, type RunParams, type WorkItem } from "./run-work";

export type RunRequest =
  | { kind: "nightly"; triggeredBy: Trigger; userId?: string | null }
  | { kind: "rerun"; date: string; phase: string; symbols?: string[]; triggeredBy: Trigger; userId?: string | null }
  | { kind: "backfill"; from: string; to: string; reprocess: "missing" | "failed" | "all"; triggeredBy: Trigger; userId?: string | null };

/** The work of a run as the durable loop needs it: dates, phase keys and (for reruns) the ids to restrict to. */
export interface RunSteps {
  runId: string;
  work: WorkItem[];
}

async function planRequest(request: RunRequest, now: Date): Promise<RunPlan> {
  if (request.kind === "nightly") return planNightly(now);
  if (request.kind === "rerun") return previewRerun({ date: request.date, phase: request.phase, symbols: request.symbols }, now);
  return previewBackfill({ from: request.from, to: request.to, reprocess: request.reprocess, confirmLargeRange: true }, now);
}

/** Plans a request (same validation as the dashboard) and creates its run held by `owner` (engine inngest). */
export async function createRunFromRequest(request: RunRequest, owner: string, now = new Date()): Promise<RunSteps> {
  const existing = await findRunningRunOwnedBy(request.kind, owner);
  if (existing) return { runId: existing, work: ((await getRunOrThrow(existing)).params as unknown as RunParams).work };
  const { kind, triggeredBy, userId, ...asked } = request;
  const params = planToRunParams(await planRequest(request, now), asked);
  const lease = await createRun({ jobType: kind, triggeredBy, userId, params, engine: "inngest", owner });
  return { runId: lease.runId, work: params.work };
}

/**
 * Claims a run handed over to Inngest (created by the dashboard, or a continuation after the step budget) for `owner`
 * and returns the phases that still need work: completed/skipped phases are left out, and with `skipRecorded`
 * every phase already recorded.
 */
export async function claimRunSteps(runId: string, owner: string, options: { skipRecorded?: boolean } = {}): Promise<RunSteps> {
  const run = await takeOverRun(runId, owner, { engine: "inngest", staleAfterMs: INNGEST_STEP_TIMEOUT_MS, handoffPrefix: HANDOFF_PREFIX });
  const params = run.params as unknown as RunParams;
  await setRunDates({ runId, owner }, [...new Set(params.work.map((item) => item.date))]);
  const finished = await listDonePhaseKeys(runId, options.skipRecorded === true);
  const work = params.work
    .map((item) => ({ ...item, phases: item.phases.filter((phase) => !finished.has(stepKey(item.date, phase))) }))
    .filter((item) => item.phases.length > 0);
  return { runId, work };
}

/** Before a continuation event: the run waits for whichever function run claims it next. */
export async function handOffForContinuation(lease: RunLease): Promise<void> {
  await handOffRun(lease, handoffOwner());
}
