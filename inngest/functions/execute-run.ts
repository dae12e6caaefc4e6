import { inngestOwner } from "@/lib/batch/run-lifecycle";
import { claimRunSteps } from "@/lib/batch/run-requests";
import { inngest } from "../client";
import { EXECUTE_RUN_CONCURRENCY } from "../concurrency";
import { runRequestedEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Executes a run handed over to Inngest (the dashboard's rerun/backfill) or continues one past the step budget. */
export const executeRun = inngest.createFunction(
  { id: "execute-run", triggers: [runRequestedEvent], retries: STEP_RETRIES, ...EXECUTE_RUN_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts, runId }) => {
    const run = await step.run("load-run", () => withoutRetryOnRefusal(() =>
      claimRunSteps(event.data.runId, inngestOwner(runId), { skipRecorded: event.data.continued === true })));
    return runPlannedSteps(step, run, { attempt, maxAttempts, inngestRunId: runId });
  },
);
