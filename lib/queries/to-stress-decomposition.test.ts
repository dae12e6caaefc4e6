import { describe, expect, it } from "vitest";
import { computeStressResult, prepareStressScenario } from "@/lib/risk/stress-engine";
import { encodeFactorImpacts } from "@/lib/db/stress-factor-impacts";
import { STRESS_BOOK, STRESS_MODEL } from "@/lib/testing/stress-fixtures";
import { readStoredStressResult, toStressCell, toStressDecomposition } from "./to-stress-decomposition";

function stored(shocks: Record<string, number>) {
  const result = computeStressResult(STRESS_BOOK, prepareStressScenario({ scenarioId: "s", shocks }, STRESS_MODEL));
  return {
    result,
    row: {
      direct_pnl: result.directPnl, correlated_pnl: result.correlatedPnl, direct_cap_applied: false, correlated_cap_applied: false,
      factor_impacts: encodeFactorImpacts(result.contributions, result.marketBetaExposureUsd),
      calculation_metadata: JSON.stringify({ modelVersion: 2 }),
    },
  };
}

describe("toStressDecomposition", () => {
  it("labels both figures, marks shocked vs implied moves and carries the market beta exposure", () => {
    const { row } = stored({ Market: -0.1 });
    const view = toStressDecomposition(readStoredStressResult(row, { scenarioId: "market_down_10", name: "Market Decline 10%" }));
    expect(view).toMatchObject({ modelVersion: 2, scenarioName: "Market Decline 10%", directPnl: -45_000, correlatedPnl: -37_200, driver: null });
    expect(view.factors.map((f) => f.factor)).toEqual(["Market", "Value", "Growth", "Momentum", "Quality", "Size", "Low Volatility", "Interest Rate"]);
    expect(view.factors[0]).toMatchObject({
      correlatedLabel: "Market (via styles)", directLabel: "Market (90-day beta)", moveKind: "shocked", move: -0.1,
      exposureUsd: 500_000, directExposureUsd: 450_000, directPnl: -45_000, correlatedPnl: -50_000,
    });
    expect(view.factors[1]).toMatchObject({ correlatedLabel: "Value vs market", moveKind: "implied", shock: null, correlatedPnl: 8_000 });
  });

  it("names the factor behind a correlated total more than 3× the direct one", () => {
    // Value beats the market by 20 points: direct +80,000 on Value alone; the implied market move (−0.8 × 0.2 = −16%)
    // on E_m = 500,000 takes −80,000, and the implied rates move (0.32 × 0.2 = +6.4%) adds 12,800: correlated 12,800.
    const { row } = stored({ Value: 0.2 });
    const view = toStressDecomposition(readStoredStressResult(row, { scenarioId: "v", name: "V" }));
    expect(view.directPnl).toBe(80_000);
    expect(view.correlatedPnl).toBe(12_800);
    expect(view.driver).toBeNull(); // 12,800 < 3 × 80,000
    const { row: combined } = stored({ Value: 0.2, Growth: -0.8 });
    const driven = toStressDecomposition(readStoredStressResult(combined, { scenarioId: "vg", name: "VG" }));
    // Direct: 80,000 − 80,000 = 0; correlated: −80,000 (implied market) + 80,000 − 80,000 + 12,800 = −67,200.
    expect(driven.directPnl).toBe(0);
    expect(driven.correlatedPnl).toBe(-67_200);
    expect(driven.driver).toMatchObject({ factor: "Market", label: "Market (via styles)", implied: true, ratio: null, marketExposureUsd: 500_000, marketBetaExposureUsd: 450_000 });
  });

  it("shows rows of the first model as stored, without a driver", () => {
    const view = toStressDecomposition(readStoredStressResult({
      direct_pnl: -468, correlated_pnl: -120, direct_cap_applied: false, correlated_cap_applied: false,
      // As the migration left a JSONB row: JSONB's own text.
      factor_impacts: `{"Value": {"c": -120, "d": 0, "e": 2990, "r": -0.04}, "Market Beta (90D)": {"c": 0, "d": -468, "e": 4680, "r": -0.1, "s": -0.1}}`,
      calculation_metadata: `{"scenarioId": "market_down_10"}`,
    }, { scenarioId: "market_down_10", name: "Market Decline 10%" }));
    expect(view.modelVersion).toBe(1);
    expect(view.factors.map((f) => [f.factor, f.correlatedLabel, f.moveKind])).toEqual([["Value", "Value", "implied"], ["Market Beta (90D)", "Market Beta (90D)", "shocked"]]);
    expect(view.driver).toBeNull();
  });

  it("refuses a stored row whose JSON text is broken, naming the column", () => {
    const { row } = stored({ Market: -0.1 });
    expect(() => readStoredStressResult({ ...row, factor_impacts: "{\"Market\":" }, { scenarioId: "m", name: "M" }))
      .toThrow(/^stress_test_results\.factor_impacts holds text that is not JSON: \{"Market":$/);
  });

  it("builds heatmap cells as shares of equity with the largest contributions first", () => {
    const { row } = stored({ Market: -0.1 });
    const cell = toStressCell(readStoredStressResult(row, { scenarioId: "m", name: "M" }), 1_000_000);
    expect(cell).toEqual({
      correlatedPct: -0.0372, directPct: -0.045, correlatedPnl: -37_200, directPnl: -45_000,
      top: [["Market (via styles)", -50_000], ["Value vs market", 8_000], ["Interest rates", 4_800]],
    });
    expect(toStressCell(readStoredStressResult(row, { scenarioId: "m", name: "M" }), null)).toBeNull();
  });
});
