import { startRunSteps } from "@/lib/batch/runner";
import { inngest } from "../client";
import { EXECUTE_RUN_CONCURRENCY } from "../concurrency";
import { runRequestedEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Executes a run created by lib/batch/actions (dashboard rerun/backfill/nightly) or continues one past the step budget. */
export const executeRun = inngest.createFunction(
  { id: "execute-run", triggers: [runRequestedEvent], retries: STEP_RETRIES, ...EXECUTE_RUN_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts }) => {
    const run = await step.run("load-run", () => withoutRetryOnRefusal(() =>
      startRunSteps(event.data.runId, { skipRecorded: event.data.continued === true })));
    return runPlannedSteps(step, run, { attempt, maxAttempts });
  },
);
