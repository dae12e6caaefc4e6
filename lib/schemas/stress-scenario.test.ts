import { describe, expect, it } from "vitest";
import { personalScenarioIdSchema, personalScenarioInputSchema, stressPreviewInputSchema } from "./stress-scenario";

/** The issues as the route wrapper words them: "field: message". */
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`) ?? [];

describe("stressPreviewInputSchema", () => {
  it("turns percent-as-decimal returns and basis points into the engine's shocks", () => {
    const parsed = stressPreviewInputSchema.parse({ portfolioId: "p", returnShocks: { Market: -0.1, Quality: 0.05, Size: null }, rateShockBp: 50 });
    expect(parsed).toEqual({ portfolioId: "p", date: undefined, shocks: { Market: -0.1, Quality: 0.05, "Interest Rate": 0.005 } });
  });

  it("accepts the bounds themselves: −100%, +300%, ±2,000 bp", () => {
    expect(stressPreviewInputSchema.parse({ portfolioId: "p", returnShocks: { Market: -1, Value: 3 }, rateShockBp: -2000 }).shocks)
      .toEqual({ Market: -1, Value: 3, "Interest Rate": -0.2 });
  });

  it("answers every bad field with a sentence", () => {
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: { Market: -1.5, Growth: 3.5 }, rateShockBp: 2500 }))).toEqual([
      "Market: must be a return between -100% and +300%, got −150%.",
      "Growth: must be a return between -100% and +300%, got +350%.",
      "Rates: must change by between −2,000 and +2,000 bp, got 2500 bp.",
    ]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: {} }))).toEqual(["Shocks: set at least one: a factor return or a rate change."]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: { Gold: 0.1 } }))).toEqual([
      "Gold: is not a factor; use Market, Value, Growth, Momentum, Quality, Size, Low Volatility and a rate shock in basis points.",
    ]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: { Market: "-10" } }))).toEqual(["returnShocks.Market: must be a number (a decimal return: −0.1 is −10%)"]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", date: "2026-02-30", rateShockBp: 5 }))).toEqual(["date: date must be a real date written YYYY-MM-DD"]);
    expect(messages(stressPreviewInputSchema.safeParse({ returnShocks: { Market: 0.1 } }))).toEqual(["portfolioId: is required"]);
  });
});

describe("personalScenarioInputSchema", () => {
  it("needs a printable name of at most 100 characters", () => {
    expect(personalScenarioInputSchema.parse({ name: "  Crash  ", returnShocks: { Market: -0.3 } })).toEqual({ name: "Crash", shocks: { Market: -0.3 } });
    expect(messages(personalScenarioInputSchema.safeParse({ name: " ", rateShockBp: 10 }))).toEqual(["name: give the scenario a name."]);
    expect(messages(personalScenarioInputSchema.safeParse({ name: "x".repeat(101), rateShockBp: 10 }))).toEqual(["name: may have at most 100 characters."]);
    expect(messages(personalScenarioInputSchema.safeParse({ name: "a\u0000b", rateShockBp: 10 }))).toEqual(["name: must not contain control characters."]);
  });

  it("knows a saved scenario id when it sees one", () => {
    expect(personalScenarioIdSchema.safeParse("my_0123456789ab").success).toBe(true);
    expect(personalScenarioIdSchema.safeParse("market_down_10").success).toBe(false);
  });
});
