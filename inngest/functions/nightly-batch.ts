import { inngestOwner } from "@/lib/batch/run-lifecycle";
import { createRunFromRequest } from "@/lib/batch/run-requests";
import { inngest } from "../client";
import { nightlyRequestedEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";
import { NIGHTLY_CONCURRENCY } from "../concurrency";

/** The nightly catch-up: every missing trading date after the last complete one, oldest first, at most 30. */
export const nightlyBatch = inngest.createFunction(
  { id: "nightly-batch", triggers: [nightlyRequestedEvent], retries: STEP_RETRIES, ...NIGHTLY_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts, runId }) => {
    const run = await step.run("create-run", () => withoutRetryOnRefusal(() =>
      createRunFromRequest({ kind: "nightly", triggeredBy: event.data.triggeredBy, userId: event.data.userId ?? null }, inngestOwner(runId))));
    return runPlannedSteps(step, run, { attempt, maxAttempts, inngestRunId: runId });
  },
);
