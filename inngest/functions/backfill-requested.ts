import { createRunFromRequest } from "@/lib/batch/runner";
import { inngest } from "../client";
import { BACKFILL_CONCURRENCY } from "../concurrency";
import { backfillRequestedEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Backfills a date range (D9), dates in ascending order because equity rolls forward. */
export const backfillRequested = inngest.createFunction(
  { id: "backfill-requested", triggers: [backfillRequestedEvent], retries: STEP_RETRIES, ...BACKFILL_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts }) => {
    const { from, to, reprocess, userId } = event.data;
    const run = await step.run("create-run", () => withoutRetryOnRefusal(() =>
      createRunFromRequest({ kind: "backfill", from, to, reprocess, triggeredBy: "backfill", userId: userId ?? null })));
    return runPlannedSteps(step, run, { attempt, maxAttempts });
  },
);
