import { describe, expect, it } from "vitest";
import { personalScenarioIdSchema, personalScenarioInputSchema, stressPreviewInputSchema } from "./stress-scenario";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message) ?? [];

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
      "Market must be a return between -100% and +300%, got −150%.",
      "Growth must be a return between -100% and +300%, got +350%.",
      "The rate shock must be between −2,000 and +2,000 bp, got 2500 bp.",
    ]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: {} }))).toEqual(["Set at least one shock: a factor return or a rate change."]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: { Gold: 0.1 } }))).toEqual([
      "Gold is not a factor; use one of Market, Value, Growth, Momentum, Quality, Size, Low Volatility and a rate shock in basis points.",
    ]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", returnShocks: { Market: "-10" } }))).toEqual(["Market must be a number"]);
    expect(messages(stressPreviewInputSchema.safeParse({ portfolioId: "p", date: "2026-02-30", rateShockBp: 5 }))).toEqual(["date must be a real date written YYYY-MM-DD"]);
  });
});

describe("personalScenarioInputSchema", () => {
  it("needs a printable name of at most 100 characters", () => {
    expect(personalScenarioInputSchema.parse({ name: "  Crash  ", returnShocks: { Market: -0.3 } })).toEqual({ name: "Crash", shocks: { Market: -0.3 } });
    expect(messages(personalScenarioInputSchema.safeParse({ name: " ", rateShockBp: 10 }))).toEqual(["Give the scenario a name."]);
    expect(messages(personalScenarioInputSchema.safeParse({ name: "x".repeat(101), rateShockBp: 10 }))).toEqual(["The name may have at most 100 characters."]);
    expect(messages(personalScenarioInputSchema.safeParse({ name: "a\u0000b", rateShockBp: 10 }))).toEqual(["The name must not contain control characters."]);
  });

  it("knows a saved scenario id when it sees one", () => {
    expect(personalScenarioIdSchema.safeParse("my_0123456789ab").success).toBe(true);
    expect(personalScenarioIdSchema.safeParse("market_down_10").success).toBe(false);
  });
});
