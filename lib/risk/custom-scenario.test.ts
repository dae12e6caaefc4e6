import { describe, expect, it } from "vitest";
import { describeScenarioShocks, RETURN_FACTORS, toScenarioShocks, type CustomScenarioShocks } from "./custom-scenario";

describe("toScenarioShocks", () => {
  it("turns returns and a rate change in bp into the engine's shocks (rates as a decimal yield change)", () => {
    expect(toScenarioShocks({ returnShocks: { Market: -0.1, Quality: 0.05, Size: null, Value: undefined }, rateShockBp: 50 })).toEqual({
      shocks: { Market: -0.1, Quality: 0.05, "Interest Rate": 0.005 },
    });
    expect(toScenarioShocks({ returnShocks: {}, rateShockBp: -2_000 })).toEqual({ shocks: { "Interest Rate": -0.2 } });
    expect(toScenarioShocks({ returnShocks: { Market: -1, Growth: 3 } })).toEqual({ shocks: { Market: -1, Growth: 3 } });
  });

  it("names every field out of bounds in one sentence each, and shocks nothing", () => {
    const result = toScenarioShocks({
      returnShocks: { Market: -1.5, Quality: Number.NaN, Momentum: 3.0001, Liquidity: 0.1 } as CustomScenarioShocks["returnShocks"],
      rateShockBp: 2_001,
    });
    expect(result).toEqual({
      errors: [
        { field: "Market", message: "must be a return between -100% and +300%, got −150%." },
        { field: "Quality", message: "must be a return between -100% and +300%, got NaN." },
        { field: "Momentum", message: "must be a return between -100% and +300%, got +300.01%." },
        { field: "Liquidity", message: `is not a factor; use ${RETURN_FACTORS.join(", ")} and a rate shock in basis points.` },
        { field: "Rates", message: "must change by between −2,000 and +2,000 bp, got 2001 bp." },
      ],
    });
    expect(toScenarioShocks({ returnShocks: {}, rateShockBp: Number.POSITIVE_INFINITY })).toEqual({
      errors: [{ field: "Rates", message: "must change by between −2,000 and +2,000 bp, got Infinity bp." }],
    });
  });

  it("refuses a scenario that shocks nothing", () => {
    const nothing = { errors: [{ field: "Shocks", message: "set at least one: a factor return or a rate change." }] };
    expect(toScenarioShocks({ returnShocks: {} })).toEqual(nothing);
    expect(toScenarioShocks({ returnShocks: { Market: null }, rateShockBp: null })).toEqual(nothing);
  });
});

describe("describeScenarioShocks", () => {
  it("says each shock in factor order: the market, styles against the market, rates in bp", () => {
    expect(describeScenarioShocks({ "Interest Rate": 0.005, Quality: 0.05, Market: -0.1 })).toBe("Market −10%, Quality vs market +5%, rates +50 bp");
    expect(describeScenarioShocks({ Size: 0, "Interest Rate": -0.0025 })).toBe("Size vs market 0%, rates −25 bp");
    expect(describeScenarioShocks({})).toBe("");
  });

  it("rounds to four decimals of a percent and two of a basis point", () => {
    expect(describeScenarioShocks({ Value: 0.123456789, "Interest Rate": 0.0000123456 })).toBe("Value vs market +12.3457%, rates +0.12 bp");
  });
});
