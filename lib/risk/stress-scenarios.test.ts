import { describe, expect, it } from "vitest";

import { isIsoDate } from "../base/calendar";
import { STRESS_FACTOR_ETF, STRESS_FACTORS } from "./stress-factors";
import {
  listActiveStressScenarios,
  SEVERITY_LEVELS,
  STRESS_CONFIG,
  STRESS_SCENARIOS,
  STRESS_SHOCK_BOUNDS,
} from "./stress-scenarios";

const byId = (id: string) => {
  const scenario = STRESS_SCENARIOS.find((s) => s.scenarioId === id);
  if (!scenario) throw new Error(`missing scenario ${id}`);
  return scenario;
};

describe("STRESS_SCENARIOS", () => {
  it("defines 22 scenarios with unique ids, 19 active", () => {
    expect(STRESS_SCENARIOS).toHaveLength(22);
    expect(new Set(STRESS_SCENARIOS.map((s) => s.scenarioId)).size).toBe(22);
    expect(STRESS_SCENARIOS.filter((s) => s.active)).toHaveLength(19);
    expect(listActiveStressScenarios()).toHaveLength(19);
  });

  it("keeps exactly the three historical replays inactive, each with a valid period", () => {
    const inactive = STRESS_SCENARIOS.filter((s) => !s.active);
    expect(inactive.map((s) => s.scenarioId)).toEqual(["financial_crisis_2008", "covid_crash_2020", "dotcom_crash_2000"]);
    for (const s of inactive) {
      expect(s.groupName).toBe("historical_replays");
      expect(s.category).toBe("historical");
      expect(s.severity).toBe("extreme");
      expect(s.period && isIsoDate(s.period.from) && isIsoDate(s.period.to) && s.period.from < s.period.to).toBe(true);
    }
    expect(byId("financial_crisis_2008").period).toEqual({ from: "2008-09-15", to: "2009-03-15" });
    expect(STRESS_SCENARIOS.filter((s) => s.active).every((s) => s.period === undefined)).toBe(true);
  });

  it("uses only valid, non-zero, finite shocks and known severities", () => {
    for (const s of STRESS_SCENARIOS) {
      const entries = Object.entries(s.shocks);
      expect(entries.length).toBeGreaterThan(0);
      for (const [factor, shock] of entries) {
        expect(STRESS_FACTORS).toContain(factor);
        expect(Number.isFinite(shock) && shock !== 0 && Math.abs(shock) < 1).toBe(true);
      }
      expect(Object.keys(SEVERITY_LEVELS)).toContain(s.severity);
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("numbers displayOrder 1..22 in table order", () => {
    expect(STRESS_SCENARIOS.map((s) => s.displayOrder)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(STRESS_SCENARIOS[0].scenarioId).toBe("market_up_5");
    expect(STRESS_SCENARIOS[21].scenarioId).toBe("dotcom_crash_2000");
  });

  it("has the exact shocks of the spec", () => {
    expect(byId("liquidity_crisis").shocks).toEqual({ Market: -0.2, "Low Volatility": -0.3, Quality: 0.15, Size: -0.1 });
    expect(byId("value_rotation_20").shocks).toEqual({ Value: 0.2, Growth: -0.1 });
    expect(byId("rate_spike_300bp").shocks).toEqual({ "Interest Rate": 0.03 });
    expect(byId("rates_up_25bp").shocks).toEqual({ "Interest Rate": 0.0025 });
    expect(byId("vix_spike_150").shocks).toEqual({ "Low Volatility": -0.25, Market: -0.15 });
    expect(byId("quality_flight_12").shocks).toEqual({ Quality: 0.12, Market: -0.05 });
    expect(byId("covid_crash_2020").shocks).toEqual({ Market: -0.35, Growth: 0.15, Value: -0.4, Size: -0.3, Quality: 0.1 });
    expect(byId("dotcom_crash_2000").shocks).toEqual({ Market: -0.45, Growth: -0.6, Value: 0.2, Momentum: -0.5, Quality: 0.15 });
  });

  it("has the spec's group, category and severity per scenario", () => {
    const liquidity = byId("liquidity_crisis");
    expect([liquidity.name, liquidity.groupName, liquidity.category, liquidity.severity]).toEqual([
      "Liquidity Crisis", "volatility_risk", "volatility", "severe",
    ]);
    const counts = (key: "groupName" | "category" | "severity") =>
      STRESS_SCENARIOS.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s[key]]: (acc[s[key]] ?? 0) + 1 }), {});
    expect(counts("groupName")).toEqual({
      base_cases: 4, market_risk: 4, interest_rate_risk: 5, factor_rotations: 4, volatility_risk: 2, historical_replays: 3,
    });
    expect(counts("category")).toEqual({ market: 6, rates: 7, rotation: 4, volatility: 2, historical: 3 });
    expect(counts("severity")).toEqual({ base: 4, mild: 4, moderate: 6, severe: 5, extreme: 3 });
  });

  it("is frozen so no caller can change a scenario", () => {
    expect(Object.isFrozen(STRESS_SCENARIOS)).toBe(true);
    expect(Object.isFrozen(byId("market_up_5"))).toBe(true);
    expect(Object.isFrozen(byId("market_up_5").shocks)).toBe(true);
    expect(() => {
      (byId("market_up_5").shocks as Record<string, number>).Market = 0.5;
    }).toThrow(TypeError);
  });
});

describe("stress configuration", () => {
  it("maps every factor to its ETF, in the model's order", () => {
    expect(STRESS_FACTOR_ETF).toEqual({
      Market: "SPY", Value: "VTV", Growth: "VUG", Momentum: "MTUM", Quality: "QUAL", Size: "IWM",
      "Low Volatility": "USMV", "Interest Rate": "TLT",
    });
    expect(Object.keys(STRESS_FACTOR_ETF)).toEqual([...STRESS_FACTORS]);
  });

  it("bounds what a user may enter: returns −100%…+300%, rates ±2,000 bp", () => {
    expect(STRESS_SHOCK_BOUNDS).toEqual({ minReturn: -1, maxReturn: 3, maxRateChangeBp: 2_000 });
  });

  it("holds the model constants", () => {
    expect(STRESS_CONFIG).toEqual({
      lookbackReturns: 252,
      ewmaLambda: 0.94,
      correlationClip: 0.95,
      minCorrelationObservations: 30,
      lossCapFractionOfNetExposure: 0.99,
      tltModifiedDuration: 16.5,
    });
  });

  it("lists the five severity levels", () => {
    expect(SEVERITY_LEVELS).toEqual({
      base: { impactRange: "0–5%", probability: "high" },
      mild: { impactRange: "5–10%", probability: "medium-high" },
      moderate: { impactRange: "10–20%", probability: "medium" },
      severe: { impactRange: "20–35%", probability: "low" },
      extreme: { impactRange: "35%+", probability: "very-low" },
    });
  });
});
