import { z } from "zod";
import { toScenarioShocks, type ReturnFactor } from "@/lib/risk/custom-scenario";
import type { StressFactor } from "@/lib/risk/stress-factors";
import { isoDateSchema } from "./iso-date";

const shockValue = (label: string) => z.number({ error: `${label} must be a number` }).nullable().optional();

/** Any key is read here; toScenarioShocks names an unknown factor in its own sentence. */
const returnShocksSchema = z.record(z.string(), z.number({ error: (issue) => `${String(issue.path?.at(-1) ?? "a return shock")} must be a number` }).nullable(), {
  error: "returnShocks must be an object of factor returns",
});

/** Shocks as typed in the builder: decimal returns (styles relative to the market) and a rate change in bp. */
const customShocksShape = {
  returnShocks: returnShocksSchema.default({}),
  rateShockBp: shockValue("rateShockBp"),
};

/** Turns shaped shocks into the engine's, with the bounds rule of lib/risk as one issue per bad field. */
function toEngineShocks(input: { returnShocks: Partial<Record<ReturnFactor, number | null>>; rateShockBp?: number | null }, ctx: z.RefinementCtx) {
  const checked = toScenarioShocks(input);
  if ("errors" in checked) {
    for (const message of checked.errors) ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }
  return checked.shocks as Partial<Record<StressFactor, number>>;
}

export const stressPreviewInputSchema = z
  .object({ portfolioId: z.string({ error: "portfolioId is required" }), date: isoDateSchema("date").optional(), ...customShocksShape })
  .transform((input, ctx) => {
    const shocks = toEngineShocks(input, ctx);
    return { portfolioId: input.portfolioId, date: input.date, shocks };
  });
export type StressPreviewInput = z.infer<typeof stressPreviewInputSchema>;

export const personalScenarioInputSchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "Give the scenario a name.").max(100, "The name may have at most 100 characters.")
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The name must not contain control characters."),
    ...customShocksShape,
  })
  .transform((input, ctx) => ({ name: input.name, shocks: toEngineShocks(input, ctx) }));
export type PersonalScenarioInput = z.infer<typeof personalScenarioInputSchema>;

export const personalScenarioIdSchema = z.string().regex(/^my_[0-9a-f]{12}$/, "Not a saved scenario id.");
