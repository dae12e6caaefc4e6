import { inngestOwner } from "@/lib/batch/run-lifecycle";
import { createRunFromRequest } from "@/lib/batch/run-requests";
import { inngest } from "../client";
import { BACKFILL_CONCURRENCY } from "../concurrency";
import { backfillRequestedEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Backfills a date range, dates in ascending order (each restates the later snapshots it changes). */
export const backfillRequested = inngest.createFunction(
  { id: "backfill-requested", triggers: [backfillRequestedEvent], retries: STEP_RETRIES, ...BACKFILL_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts, runId }) => {
    const { from, to, reprocess, userId } = event.data;
    const run = await step.run("create-run", () => withoutRetryOnRefusal(() =>
      createRunFromRequest({ kind: "backfill", from, to, reprocess, triggeredBy: "backfill", userId: userId ?? null }, inngestOwner(runId))));
    return runPlannedSteps(step, run, { attempt, maxAttempts, inngestRunId: runId });
  },
);
