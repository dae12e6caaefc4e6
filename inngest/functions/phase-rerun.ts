import { createRunFromRequest } from "@/lib/batch/runner";
import { inngest } from "../client";
import { RERUN_CONCURRENCY } from "../concurrency";
import { phaseRerunEvent } from "../events";
import { STEP_RETRIES, runPlannedSteps, withoutRetryOnRefusal } from "../run-steps";

/** Reruns one phase of one date (optionally some symbols), validated like the dashboard's rerun. */
export const phaseRerun = inngest.createFunction(
  { id: "phase-rerun", triggers: [phaseRerunEvent], retries: STEP_RETRIES, ...RERUN_CONCURRENCY },
  async ({ event, step, attempt, maxAttempts }) => {
    const { date, phase, symbols, userId } = event.data;
    const run = await step.run("create-run", () => withoutRetryOnRefusal(() =>
      createRunFromRequest({ kind: "rerun", date, phase, symbols, triggeredBy: "admin", userId: userId ?? null })));
    return runPlannedSteps(step, run, { attempt, maxAttempts });
  },
);
