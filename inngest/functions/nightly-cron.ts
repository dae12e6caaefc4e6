import { cron } from "inngest";
import { NIGHTLY_CRON } from "@/lib/batch/nightly-schedule";
import { inngest } from "../client";
import { nightlyRequestedEvent } from "../events";

/** R20: one cron at 21:00 America/New_York on weekdays; it only emits the event, the event-triggered run does the work. */
export const nightlyCron = inngest.createFunction(
  { id: "nightly-cron", triggers: [cron(NIGHTLY_CRON)], retries: 3 },
  async ({ step }) => {
    await step.sendEvent("request-nightly", nightlyRequestedEvent.create({ triggeredBy: "cron" }));
    return { requested: true };
  },
);
