import { z } from "./zod";
import { PHASE_KEYS } from "@/lib/batch/phase-types";
import { isoDateSchema } from "./iso-date";

export const phaseKeySchema = z.enum(PHASE_KEYS);

export const rerunInputSchema = z.object({
  date: isoDateSchema("date"),
  phase: phaseKeySchema,
  onlyFailed: z.boolean().optional().default(false),
});

export const reprocessSchema = z.enum(["missing", "failed", "all"]);

export const backfillInputSchema = z
  .object({
    from: isoDateSchema("from"),
    to: isoDateSchema("to"),
    reprocess: reprocessSchema.default("missing"),
    confirmLargeRange: z.boolean().optional().default(false),
  })
  .refine((value) => value.from <= value.to, { message: "from must be on or before to", path: ["from"] });
