import { eventType } from "inngest";
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2026-11-27");
const trigger = z.enum(["cron", "admin", "backfill", "onboarding", "cli", "startup"]);

/** The nightly catch-up was asked for (by the cron, an admin or the CLI). */
export const nightlyRequestedEvent = eventType("factorwatch/nightly.requested", {
  schema: z.object({ triggeredBy: trigger, userId: z.string().optional() }),
});

/** A run already created in the database and handed over to Inngest (lib/batch/run-start) should be executed; `continued` when a run hit the step budget. */
export const runRequestedEvent = eventType("factorwatch/run.requested", {
  schema: z.object({ runId: z.string().min(1), continued: z.boolean().optional() }),
});

/** Rerun one phase of one date, optionally only for some symbols. */
export const phaseRerunEvent = eventType("factorwatch/phase.rerun", {
  schema: z.object({ date: isoDate, phase: z.string().min(1), symbols: z.array(z.string()).optional(), userId: z.string().optional() }),
});

/** Backfill a date range. */
export const backfillRequestedEvent = eventType("factorwatch/backfill.requested", {
  schema: z.object({ from: isoDate, to: isoDate, reprocess: z.enum(["missing", "failed", "all"]), userId: z.string().optional() }),
});

/** A symbol was queued for onboarding (R24); the database queue holds the job. */
export const symbolOnboardEvent = eventType("factorwatch/symbol.onboard", {
  schema: z.object({ symbol: z.string().min(1), portfolioId: z.string().optional() }),
});
