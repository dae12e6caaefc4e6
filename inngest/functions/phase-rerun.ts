import { inngestOwner } from "@/lib/batch/run-lifecycle";
import { createRunFromRequest } from "@/lib/batch/run-requests";
import { inngest } from "../client";
import { RERUN_CONCURRENCY } from "../concurrency";
import { phaseRerunEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Reruns one phase of one date (optionally some symbols), validated like the dashboard's rerun. */
export const phaseRerun = inngest.createFunction(
  { id: "phase-rerun", triggers: [phaseRerunEvent], retries: STEP_RETRIES, ...RERUN_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts, runId }) => {
    const { date, phase, symbols, userId } = event.data;
    const run = await step.run("create-run", () => withoutRetryOnRefusal(() =>
      createRunFromRequest({ kind: "rerun", date, phase, symbols, triggeredBy: "admin", userId: userId ?? null }, inngestOwner(runId))));
    return runPlannedSteps(step, run, { attempt, maxAttempts, inngestRunId: runId });
  },
);
