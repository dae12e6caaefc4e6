import { ensureOnboardingWorker } from "@/lib/batch/onboarding-worker";
import { inngest } from "../client";
import { ONBOARDING_CONCURRENCY } from "../concurrency";
import { symbolOnboardEvent } from "../events";
import { STEP_RETRIES } from "../run-steps";

/**
 * R24: the database queue holds the onboarding jobs; this event only makes sure it is drained (3 symbols at a time,
 * resumed after a restart). The symbol's job row is claimed and processed by lib/batch/onboarding.
 */
export const symbolOnboard = inngest.createFunction(
  { id: "symbol-onboard", triggers: [symbolOnboardEvent], retries: STEP_RETRIES, ...ONBOARDING_CONCURRENCY },
  async ({ event, step }) => {
    await step.run("drain-onboarding-queue", () => ensureOnboardingWorker());
    return { symbol: event.data.symbol };
  },
);
