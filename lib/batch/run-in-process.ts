import type { Trigger } from "../db/batch-runs";
import { planNightly } from "./actions";
import { PIPELINE } from "./pipeline";
import { createRun, executeRun, type RunOutcome, type RunProgressEvent } from "./runner";

/** The nightly catch-up, run to completion in this process (CLI and `start`); refused if one is running. */
export async function startNightlyInProcess(input: {
  triggeredBy: Trigger;
  onProgress?: (event: RunProgressEvent) => void;
  now?: Date;
}): Promise<RunOutcome & { dates: string[] }> {
  const plan = await planNightly(input.now);
  const phases = PIPELINE.map((phase) => phase.key);
  const runId = await createRun({
    jobType: "nightly",
    triggeredBy: input.triggeredBy,
    params: { work: plan.dates.map((date) => ({ date, phases })), request: { dates: plan.dates } },
  });
  const outcome = await executeRun(runId, { onProgress: input.onProgress });
  return { ...outcome, dates: plan.dates };
}
