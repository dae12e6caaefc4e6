import { z } from "zod";
import { toScenarioShocks, type ReturnFactor } from "@/lib/risk/custom-scenario";
import type { StressFactor } from "@/lib/risk/stress-factors";
import { isoDateSchema } from "./iso-date";

/** Any key is read here; toScenarioShocks names an unknown factor. */
const returnShocksSchema = z.record(z.string(), z.number({ error: "must be a number (a decimal return: −0.1 is −10%)" }).nullable(), {
  error: "must be an object of factor returns, e.g. { \"Market\": -0.1 }",
});

/** Shocks as typed in the builder: decimal returns (styles relative to the market) and a rate change in bp. */
const customShocksShape = {
  returnShocks: returnShocksSchema.default({}),
  rateShockBp: z.number({ error: "must be a number of basis points" }).nullable().optional(),
};

/** Turns shaped shocks into the engine's, with the bounds rule of lib/risk as one issue per bad field. */
function toEngineShocks(input: { returnShocks: Partial<Record<ReturnFactor, number | null>>; rateShockBp?: number | null }, ctx: z.RefinementCtx) {
  const checked = toScenarioShocks(input);
  if ("errors" in checked) {
    for (const { field, message } of checked.errors) ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  }
  return checked.shocks as Partial<Record<StressFactor, number>>;
}

export const stressPreviewInputSchema = z
  .object({ portfolioId: z.string({ error: "is required" }), date: isoDateSchema("date").optional(), ...customShocksShape })
  .transform((input, ctx) => {
    const shocks = toEngineShocks(input, ctx);
    return { portfolioId: input.portfolioId, date: input.date, shocks };
  });

export const personalScenarioInputSchema = z
  .object({
    name: z.string({ error: "give the scenario a name" }).trim().min(1, "give the scenario a name.").max(100, "may have at most 100 characters.")
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "must not contain control characters."),
    ...customShocksShape,
  })
  .transform((input, ctx) => ({ name: input.name, shocks: toEngineShocks(input, ctx) }));

export const personalScenarioIdSchema = z.string().regex(/^my_[0-9a-f]{12}$/, "Not a saved scenario id.");
