/**
 * What the dashboard's actions start: a rerun or a backfill, planned (run-plans), created for the
 * configured engine and launched; the request returns at once with the run id.
 */
import type { JobType, Trigger } from "../db/batch-runs";
import { getRunLauncher } from "./launcher";
import { createRun, handoffOwner } from "./run-lifecycle";
import { planToRunParams, previewBackfill, previewRerun, type Reprocess } from "./run-plans";
import type { RunParams } from "./run-work";

async function createAndLaunch(jobType: JobType, triggeredBy: Trigger, userId: string | null | undefined, params: RunParams): Promise<{ runId: string }> {
  const launcher = getRunLauncher();
  const lease = await createRun({
    jobType, triggeredBy, userId, params, engine: launcher.engine, owner: launcher.engine === "inngest" ? handoffOwner() : undefined,
  });
  await launcher.launch(lease);
  return { runId: lease.runId };
}

export async function startRerun(input: { date: string; phase: string; onlyFailed?: boolean; userId?: string | null; triggeredBy?: Trigger }, now = new Date()): Promise<{ runId: string }> {
  const plan = await previewRerun(input, now);
  return createAndLaunch("rerun", input.triggeredBy ?? "admin", input.userId, planToRunParams(plan, { date: input.date, phase: input.phase, onlyFailed: input.onlyFailed ?? false }));
}

export async function startBackfill(input: { from: string; to: string; reprocess: Reprocess; confirmLargeRange?: boolean; userId?: string | null; triggeredBy?: Trigger }, now = new Date()): Promise<{ runId: string }> {
  const plan = await previewBackfill(input, now);
  return createAndLaunch("backfill", input.triggeredBy ?? "admin", input.userId, planToRunParams(plan, { from: input.from, to: input.to, reprocess: input.reprocess }));
}
