import { z } from "zod";
import { PHASE_KEYS } from "@/lib/batch/phase-types";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date YYYY-MM-DD").refine((value) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}, "is not a real calendar date");

export const phaseKeySchema = z.enum(PHASE_KEYS);

export const rerunInputSchema = z.object({
  date: isoDate,
  phase: phaseKeySchema,
  onlyFailed: z.boolean().optional().default(false),
});
export type RerunInput = z.infer<typeof rerunInputSchema>;

export const reprocessSchema = z.enum(["missing", "failed", "all"]);

export const backfillInputSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    reprocess: reprocessSchema.default("missing"),
    confirmLargeRange: z.boolean().optional().default(false),
  })
  .refine((value) => value.from <= value.to, { message: "from must be on or before to", path: ["from"] });
export type BackfillInput = z.infer<typeof backfillInputSchema>;
