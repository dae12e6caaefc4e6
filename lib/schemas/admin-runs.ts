import { z } from "./zod";

export const runStatusSchema = z.enum(["running", "completed", "failed", "partial", "skipped"]);

/** GET /api/admin/runs query (R35 history: days 1–90, default 30). */
export const runListQuerySchema = z.object({
  status: runStatusSchema.optional(),
  jobType: z.enum(["nightly", "backfill", "rerun", "onboarding"], { error: "jobType must be one of nightly, backfill, rerun, onboarding" }).optional(),
  days: z.coerce.number().int().min(1).max(365).default(30),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const runIdSchema = z.string().uuid("run id must be a UUID");

export const runLogsQuerySchema = z.object({ format: z.enum(["txt", "json"]).default("txt") });

