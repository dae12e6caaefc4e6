import { describe, expect, it } from "vitest";

import {
  computeStressResult,
  computeStressResultsBatch,
  prepareStressScenario,
  summarizeStressResults,
  type StressModel,
  type StressPortfolioInput,
  type StressScenarioInput,
} from "./stress-engine";
import { STRESS_FACTORS } from "./stress-factors";
import { STRESS_BOOK as BOOK, STRESS_MODEL as MODEL, threeFactorCovariance } from "../testing/stress-fixtures";

function run(portfolio: StressPortfolioInput, scenario: StressScenarioInput, model: StressModel = MODEL) {
  return computeStressResult(portfolio, prepareStressScenario(scenario, model));
}

describe("stress engine, hand-worked three-factor cases", () => {
  it("market down 10%: Market Beta in the direct figure, the styles' market exposure in the correlated one", () => {
    const result = run(BOOK, { scenarioId: "market_down_10", shocks: { Market: -0.1 } });
    // Direct: E_MB × s_m = 450,000 × −0.10.
    expect(result.directPnl).toBe(-45_000);
    expect(result.contributions.Market.directPnl).toBe(-45_000);
    // v_V = (−2e-5 / 1e-4) × −0.1 = +0.02; v_t = (−2.4e-5 / 1e-4) × −0.1 = +0.024; Growth independent: 0.
    expect(result.contributions.Value.move).toBeCloseTo(0.02, 15);
    expect(result.contributions["Interest Rate"].move).toBeCloseTo(0.024, 15);
    expect(result.contributions.Growth.move).toBe(0);
    // Correlated: Market 500,000 × −0.1 = −50,000; Value 400,000 × 0.02 = 8,000; rates 200,000 × 0.024 = 4,800.
    expect(result.contributions.Market).toMatchObject({ shock: -0.1, move: -0.1, exposureUsd: 500_000, correlatedPnl: -50_000 });
    expect(result.contributions.Value.correlatedPnl).toBe(8_000);
    expect(result.contributions["Interest Rate"].correlatedPnl).toBe(4_800);
    expect(result.correlatedPnl).toBe(-37_200);
    expect(result.correlationEffect).toBe(7_800);
    expect(result.marketBetaExposureUsd).toBe(450_000);
    expect(Object.keys(result.contributions)).toEqual([...STRESS_FACTORS]);
  });

  it("market −20% with value beating it by 5 points: rates implied from both shocks", () => {
    const result = run(BOOK, { scenarioId: "mv", shocks: { Market: -0.2, Value: 0.05 } });
    // Σ_SS = [[1e-4, −2e-5], [−2e-5, 2.5e-5]], det 2.1e-9; Σ_SS⁻¹ s = (−4e-6, 1e-6) / 2.1e-9;
    // v_t = (−2.4e-5 × −4e-6 + 8e-6 × 1e-6) / 2.1e-9 = 1.04 / 21.
    expect(result.contributions["Interest Rate"].move).toBeCloseTo(1.04 / 21, 15);
    // Correlated: −100,000 + 20,000 + 200,000 × 1.04/21 (= 9,904.7619…) = −70,095.238… → −70,095.24.
    expect(result.contributions["Interest Rate"].correlatedPnl).toBe(9_904.76);
    expect(result.correlatedPnl).toBe(-70_095.24);
    // Direct: 450,000 × −0.2 + 400,000 × 0.05.
    expect(result.directPnl).toBe(-70_000);
    expect(result.contributions.Value).toMatchObject({ shock: 0.05, move: 0.05, directPnl: 20_000, correlatedPnl: 20_000 });
  });

  it("rates up 100bp: TLT −16.5%, the market implied up, value implied down", () => {
    const result = run(BOOK, { scenarioId: "rates_up_100bp", shocks: { "Interest Rate": 0.01 } });
    // t = −16.5 × 0.01 = −0.165; v_m = (−2.4e-5 / 6.4e-5) × −0.165 = 0.061875; v_V = (8e-6 / 6.4e-5) × −0.165 = −0.020625.
    expect(result.contributions["Interest Rate"]).toMatchObject({ shock: 0.01, directPnl: -33_000, correlatedPnl: -33_000 });
    expect(result.contributions["Interest Rate"].move).toBeCloseTo(-0.165, 15);
    expect(result.contributions.Market.move).toBeCloseTo(0.061875, 15);
    expect(result.contributions.Value.move).toBeCloseTo(-0.020625, 15);
    expect(result.directPnl).toBe(-33_000);
    // 500,000 × 0.061875 = 30,937.5; 400,000 × −0.020625 = −8,250; total −10,312.50.
    expect(result.contributions.Market.correlatedPnl).toBe(30_937.5);
    expect(result.correlatedPnl).toBe(-10_312.5);
  });

  it("caps a loss beyond 99% of max(net exposure, equity) and scales the contributions alike", () => {
    const levered: StressPortfolioInput = {
      portfolioId: "levered",
      exposuresUsd: { "Market Beta (90D)": 300_000, Value: 100_000, Size: 50_000 },
      netExposureUsd: 100_000,
      equityUsd: 80_000,
    };
    const result = run(levered, { scenarioId: "crash", shocks: { Market: -0.35, Value: -0.3, Size: -0.25 } });
    // Direct raw: −105,000 − 30,000 − 12,500 = −147,500 < −99,000 → scale 99,000 / 147,500.
    expect(result.directCapApplied).toBe(true);
    expect(result.directPnl).toBe(-99_000);
    expect(result.contributions.Market.directPnl).toBe(-70_474.58);
    expect(result.contributions.Value.directPnl).toBe(-20_135.59);
    expect(result.contributions.Size.directPnl).toBe(-8_389.83);
    // Correlated: Market on E_m = 150,000 → −52,500; Value −30,000; Size −12,500 → −95,000, above the cap.
    expect(result.correlatedCapApplied).toBe(false);
    expect(result.correlatedPnl).toBe(-95_000);
  });

  it("floors the cap base at equity when net exposure is zero or negative, and has no cap without a base", () => {
    const neutral: StressPortfolioInput = { portfolioId: "n", exposuresUsd: { Value: 400_000 }, netExposureUsd: -50_000, equityUsd: 200_000 };
    expect(run(neutral, { scenarioId: "v", shocks: { Value: -0.8 } }).directPnl).toBe(-198_000);
    const noBase = run({ ...neutral, equityUsd: 0 }, { scenarioId: "v", shocks: { Value: -0.8 } });
    expect(noBase.directCapApplied).toBe(false);
    expect(noBase.directPnl).toBe(-320_000);
  });

  it("returns zeros for zero exposures and for an empty scenario", () => {
    const empty = run({ portfolioId: "z", exposuresUsd: {}, netExposureUsd: 0, equityUsd: 0 }, { scenarioId: "m", shocks: { Market: -0.35 } });
    expect([empty.directPnl, empty.correlatedPnl, empty.correlationEffect]).toEqual([0, 0, 0]);
    const noShock = run(BOOK, { scenarioId: "none", shocks: {} });
    expect([noShock.directPnl, noShock.correlatedPnl]).toEqual([0, 0]);
    expect(Object.values(noShock.contributions).every((c) => c.move === 0 && c.shock === null)).toBe(true);
  });
});

describe("prepareStressScenario", () => {
  it("keeps shocked moves equal to the shocks and turns a yield change into a TLT return", () => {
    const prepared = prepareStressScenario({ scenarioId: "q", shocks: { Quality: 0.12, Market: -0.05, "Interest Rate": -0.005 } }, MODEL);
    expect(prepared.moves[0]).toBe(-0.05);
    expect(prepared.moves[4]).toBe(0.12);
    expect(prepared.moves[7]).toBe(-16.5 * -0.005);
    expect(prepared.shocks).toEqual([-0.05, null, null, null, 0.12, null, null, -0.005]);
    expect(prepared.shockedReturns).toEqual([-0.05, null, null, null, 0.12, null, null, -16.5 * -0.005]);
    expect(prepared.ownerId).toBeNull();
  });

  it("leaves a zero-variance shocked factor out of the conditioning set", () => {
    const cov = threeFactorCovariance().map((row, i) => row.map((value, j) => (i === 0 || j === 0 ? 0 : value)));
    const prepared = prepareStressScenario({ scenarioId: "m", shocks: { Market: -0.1 } }, { ...MODEL, factorCovariance: cov });
    expect(prepared.moves).toEqual([-0.1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("rejects unknown factors, non-finite shocks, a wrong-sized covariance and a bad duration", () => {
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: { Gold: 0.1 } as never }, MODEL)).toThrow('Scenario x shocks unknown factor "Gold"');
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: { Interest_Rate: 0.01 } as never }, MODEL)).toThrow('unknown factor "Interest_Rate"');
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: { Market: Number.NaN } }, MODEL)).toThrow("Scenario x has a non-finite Market shock: NaN");
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: {} }, { ...MODEL, factorCovariance: [[1]] })).toThrow(
      "Stress factor covariance must be 8×8 in the order Market, Value, Growth, Momentum, Quality, Size, Low Volatility, Interest Rate",
    );
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: {} }, { ...MODEL, tltModifiedDuration: 0 })).toThrow("TLT modified duration must be positive, got 0");
    expect(prepareStressScenario({ scenarioId: "x", shocks: { Market: undefined } }, MODEL).shocks[0]).toBeNull();
  });

  it("rejects non-finite portfolio inputs", () => {
    const prepared = prepareStressScenario({ scenarioId: "m", shocks: { Market: -0.1 } }, MODEL);
    expect(() => computeStressResult({ ...BOOK, exposuresUsd: { Value: Number.NaN } }, prepared)).toThrow("Portfolio book has a non-finite Value exposure: NaN");
    expect(() => computeStressResult({ ...BOOK, netExposureUsd: Number.NaN }, prepared)).toThrow("Portfolio book needs finite net exposure and equity for the loss cap");
  });
});

describe("computeStressResultsBatch", () => {
  const scenarios: StressScenarioInput[] = [
    { scenarioId: "m", shocks: { Market: -0.1 } },
    { scenarioId: "mine", shocks: { Value: -0.2 }, ownerId: "alice" },
    { scenarioId: "theirs", shocks: { Value: 0.2 }, ownerId: "bob" },
  ];

  it("runs the standard scenarios for every portfolio and a personal one only for its owner's portfolios", () => {
    const batch = computeStressResultsBatch(
      [{ ...BOOK, portfolioId: "a", ownerId: "alice" }, { ...BOOK, portfolioId: "c", ownerId: "carol" }, { ...BOOK, portfolioId: "x" }],
      scenarios,
      MODEL,
    );
    expect(batch.portfolios.map((p) => [p.portfolioId, p.results.map((r) => r.scenarioId)])).toEqual([
      ["a", ["m", "mine"]], ["c", ["m"]], ["x", ["m"]],
    ]);
    expect(batch.portfolios[0].summary).toMatchObject({ scenariosTested: 2, worstScenarioId: "m", bestScenarioId: "mine" });
    expect(batch.portfolios[0].results[0]).toEqual(run(BOOK, scenarios[0]));
  });

  it("skips a scenario whose shocked block is singular, with its reason", () => {
    const cov = threeFactorCovariance();
    cov[1][1] = 4e-6;
    cov[0][1] = cov[1][0] = 2e-5; // ρ(m,V) = 1
    const batch = computeStressResultsBatch([BOOK], [{ scenarioId: "both", shocks: { Market: -0.1, Value: -0.1 } }, scenarios[0]], { ...MODEL, factorCovariance: cov });
    expect(batch.skippedScenarios).toEqual([
      { scenarioId: "both", reason: "computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [0, 1]" },
    ]);
    expect(batch.portfolios[0].results.map((r) => r.scenarioId)).toEqual(["m"]);
  });

  it("records a portfolio with unusable inputs as failed and carries on", () => {
    const bad = { ...BOOK, portfolioId: "bad", equityUsd: Number.POSITIVE_INFINITY };
    const batch = computeStressResultsBatch([bad, BOOK], [scenarios[0]], MODEL);
    expect(batch.failedPortfolios).toEqual([{ portfolioId: "bad", reason: "Portfolio bad needs finite net exposure and equity for the loss cap" }]);
    expect(batch.portfolios.map((p) => [p.portfolioId, p.summary.worst])).toEqual([["book", -37_200]]);
  });

  it("hands each portfolio's outcome to onPortfolio as it is computed, equal to the collected batch, failures still recorded", () => {
    const bad = { ...BOOK, portfolioId: "bad", equityUsd: Number.POSITIVE_INFINITY };
    const book = [{ ...BOOK, portfolioId: "a", ownerId: "alice" }, bad, { ...BOOK, portfolioId: "x", netExposureUsd: 50_000 }];
    const collected = computeStressResultsBatch(book, scenarios, MODEL);
    const handed: unknown[] = [];
    const streamed = computeStressResultsBatch(book, scenarios, MODEL, (outcome) => handed.push(outcome));
    expect(handed).toEqual(collected.portfolios);
    expect(handed).toHaveLength(2);
    expect(streamed.portfolios).toEqual([]);
    expect(streamed.failedPortfolios).toEqual(collected.failedPortfolios);
    expect(streamed.failedPortfolios.map((failure) => failure.portfolioId)).toEqual(["bad"]);
  });
});

describe("summarizeStressResults", () => {
  it("reports worst, best, mean to the cent and their scenario ids", () => {
    const summary = summarizeStressResults([
      { scenarioId: "a", correlatedPnl: -100.01 },
      { scenarioId: "b", correlatedPnl: 50 },
      { scenarioId: "c", correlatedPnl: -100.01 },
      { scenarioId: "d", correlatedPnl: 0.03 },
    ]);
    // Mean = (−10,001 + 5,000 − 10,001 + 3) / 4 cents = −3,749.75 → −3,750 cents.
    expect(summary).toEqual({ worst: -100.01, best: 50, mean: -37.5, scenariosTested: 4, worstScenarioId: "a", bestScenarioId: "b" });
  });

  it("returns nulls for no results", () => {
    expect(summarizeStressResults([])).toEqual({ worst: null, best: null, mean: null, scenariosTested: 0, worstScenarioId: null, bestScenarioId: null });
  });
});
