import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { computeEwmaCovariance } from "../math/ewma-covariance";
import { toCents } from "./stress-engine-cents";
import {
  computeStressResult,
  computeStressResultsBatch,
  prepareStressScenario,
  STRESS_EXPOSURE_FACTORS,
  STRESS_FACTOR_ETFS,
  summarizeStressResults,
  type StressModel,
  type StressPortfolioInput,
  type StressScenarioInput,
} from "./stress-engine";
import { listActiveStressScenarios, SHOCK_FACTORS, STRESS_CONFIG } from "./stress-scenarios";

/**
 * Hand-worked covariance in D6 order (SPY, VTV, VUG, MTUM, QUAL, IWM, USMV, TLT):
 * σ_SPY = 1%, σ_VTV = 1.2%, σ_TLT = 0.9%, others 1%; ρ(SPY,VTV) = 0.8 → 0.000096; ρ(SPY,TLT) = −0.3 → −0.000027;
 * every other covariance 0.
 */
function handCovariance(): number[][] {
  const sigma = [0.01, 0.012, 0.01, 0.01, 0.01, 0.01, 0.01, 0.009];
  const cov = sigma.map((si, i) => sigma.map((sj, j) => (i === j ? si * sj : 0)));
  cov[0][1] = cov[1][0] = 0.000096;
  cov[0][7] = cov[7][0] = -0.000027;
  return cov;
}

const MODEL: StressModel = { factorCovariance: handCovariance(), tltModifiedDuration: STRESS_CONFIG.tltModifiedDuration };

const BOOK: StressPortfolioInput = {
  portfolioId: "book",
  exposuresUsd: {
    "Market Beta (90D)": 1_000_000,
    Value: 500_000,
    Growth: 200_000,
    "IR Beta": 300_000,
    "Growth-Value Spread": 9_999_999,
    "Provider Beta (1Y)": 9_999_999,
  },
  netExposureUsd: 950_000,
  equityUsd: 1_000_000,
};

function run(portfolio: StressPortfolioInput, scenario: StressScenarioInput, model: StressModel = MODEL) {
  return computeStressResult(portfolio, prepareStressScenario(scenario, model));
}

function sumCents(values: number[]): number {
  return values.reduce((sum, value) => sum + toCents(value), 0);
}

describe("stress engine, hand-worked (two correlated factors plus TLT)", () => {
  it("market down 10%: direct on Market Beta, correlated through Value and TLT only", () => {
    const result = run(BOOK, { scenarioId: "market_down_10", shocks: { Market: -0.1 } });
    // Direct: 1,000,000 × −0.10 = −100,000.00.
    expect(result.directPnl).toBe(-100_000);
    // r_VTV = (0.000096 / 0.0001) × −0.10 = −0.096; r_TLT = (−0.000027 / 0.0001) × −0.10 = +0.027.
    // Correlated: Value 500,000 × −0.096 = −48,000.00; IR 300,000 × 0.027 = 8,100.00; Market Beta not added (D6).
    expect(result.contributions.Value.correlatedPnl).toBe(-48_000);
    expect(result.contributions["IR Beta"].correlatedPnl).toBe(8_100);
    expect(result.contributions["Market Beta (90D)"].correlatedPnl).toBe(0);
    expect(result.contributions["Market Beta (90D)"].factorReturn).toBe(-0.1);
    expect(result.contributions["Market Beta (90D)"].shock).toBe(-0.1);
    expect(result.contributions.Value.shock).toBeNull();
    expect(result.contributions.Value.factorReturn).toBeCloseTo(-0.096, 15);
    expect(result.contributions.Growth.correlatedPnl).toBe(0);
    expect(result.correlatedPnl).toBe(-39_900);
    expect(result.correlationEffect).toBe(60_100);
    expect(result.directCapApplied).toBe(false);
    expect(Object.keys(result.contributions)).toEqual([...STRESS_EXPOSURE_FACTORS]);
  });

  it("rates up 100bp loses money for a long-duration (positive IR Beta) book", () => {
    const result = run(BOOK, { scenarioId: "rates_up_100bp", shocks: { Interest_Rate: 0.01 } });
    // r_TLT = −16.5 × 0.01 = −0.165; IR P&L = 300,000 × −0.165 = −49,500.00.
    expect(result.contributions["IR Beta"]).toMatchObject({ shock: 0.01, exposureUsd: 300_000, directPnl: -49_500 });
    expect(result.contributions["IR Beta"].factorReturn).toBeCloseTo(-0.165, 15);
    expect(result.directPnl).toBe(-49_500);
    // r_SPY = (−0.000027 / 0.000081) × −0.165 = +0.055 (shown, not added); r_VTV = 0 (no VTV–TLT covariance).
    expect(result.contributions["Market Beta (90D)"].factorReturn).toBeCloseTo(0.055, 15);
    expect(result.correlatedPnl).toBe(-49_500);
    expect(run(BOOK, { scenarioId: "rates_down_100bp", shocks: { Interest_Rate: -0.01 } }).directPnl).toBe(49_500);
  });

  it("market down with every factor shocked: correlated = direct minus the Market Beta term", () => {
    const shocks = { Market: -0.2, Value: -0.1, Growth: -0.3, Momentum: -0.25, Quality: 0.05, Size: -0.15, "Low Volatility": -0.05, Interest_Rate: -0.005 };
    const book = { ...BOOK, exposuresUsd: { ...BOOK.exposuresUsd, Momentum: -100_000, Quality: 250_000.5, Size: 80_000, "Low Volatility": 40_000 } };
    const result = run(book, { scenarioId: "all", shocks });
    // Styles: −50,000 − 60,000 + 25,000 + 12,500.025 − 12,000 − 2,000 = −86,499.975; IR: 300,000 × 0.0825 = 24,750.
    // Direct adds Market 1,000,000 × −0.2 = −200,000 → −261,749.975 → −261,749.98 (half away from zero).
    expect(result.correlatedPnl).toBe(-61_749.98);
    expect(result.directPnl).toBe(-261_749.98);
    expect(result.correlationEffect).toBe(200_000);
    // Quality's exact 12,500.025 floors to 12,500.02: the floors already sum to the rounded total, so the
    // largest-remainder step has no cent left to hand out.
    expect(result.contributions.Quality.directPnl).toBe(12_500.02);
    expect(result.contributions["IR Beta"].factorReturn).toBeCloseTo(0.0825, 15);
    expect(sumCents(Object.values(result.contributions).map((c) => c.directPnl))).toBe(toCents(result.directPnl));
  });

  it("caps a loss beyond 99% of net exposure and scales contributions pro rata", () => {
    const levered: StressPortfolioInput = {
      portfolioId: "levered",
      exposuresUsd: { "Market Beta (90D)": 300_000, Value: 100_000, Size: 50_000 },
      netExposureUsd: 100_000,
      equityUsd: 80_000,
    };
    const result = run(levered, { scenarioId: "crash", shocks: { Market: -0.35, Value: -0.3, Size: -0.25 } });
    // Raw direct: −105,000 − 30,000 − 12,500 = −147,500 < −99,000 → scale 99,000 / 147,500.
    expect(result.directCapApplied).toBe(true);
    expect(result.directPnl).toBe(-99_000);
    // −105,000 × 0.671186… = −70,474.576… → −70,474.58; −20,135.593… → −20,135.59; −8,389.830… → −8,389.83.
    expect(result.contributions["Market Beta (90D)"].directPnl).toBe(-70_474.58);
    expect(result.contributions.Value.directPnl).toBe(-20_135.59);
    expect(result.contributions.Size.directPnl).toBe(-8_389.83);
    // Correlated: Value −30,000 + Size −12,500 = −42,500, above the cap.
    expect(result.correlatedCapApplied).toBe(false);
    expect(result.correlatedPnl).toBe(-42_500);
  });

  it("floors the cap base at equity when net exposure is zero or negative", () => {
    const neutral: StressPortfolioInput = { portfolioId: "n", exposuresUsd: { Value: 400_000 }, netExposureUsd: -50_000, equityUsd: 200_000 };
    const result = run(neutral, { scenarioId: "v", shocks: { Value: -0.8 } });
    expect(result.directPnl).toBe(-198_000);
    expect(result.contributions.Value.directPnl).toBe(-198_000);
    const noBase = run({ ...neutral, equityUsd: 0 }, { scenarioId: "v", shocks: { Value: -0.8 } });
    expect(noBase.directCapApplied).toBe(false);
    expect(noBase.directPnl).toBe(-320_000);
  });

  it("returns zeros for zero exposures and for an empty scenario", () => {
    const empty = run({ portfolioId: "z", exposuresUsd: {}, netExposureUsd: 0, equityUsd: 0 }, { scenarioId: "m", shocks: { Market: -0.35 } });
    expect([empty.directPnl, empty.correlatedPnl, empty.correlationEffect]).toEqual([0, 0, 0]);
    Object.values(empty.contributions).forEach((c) => expect([c.directPnl, c.correlatedPnl, c.exposureUsd]).toEqual([0, 0, 0]));
    const noShock = run(BOOK, { scenarioId: "none", shocks: {} });
    expect(noShock.correlatedPnl).toBe(0);
    expect(noShock.directPnl).toBe(0);
  });
});

describe("prepareStressScenario", () => {
  it("uses the D6 factor order and keeps shocked values exactly", () => {
    expect(STRESS_FACTOR_ETFS).toEqual(["SPY", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV", "TLT"]);
    const prepared = prepareStressScenario({ scenarioId: "q", shocks: { Quality: 0.12, Market: -0.05 } }, MODEL);
    expect(prepared.factorReturns[0]).toBe(-0.05);
    expect(prepared.factorReturns[4]).toBe(0.12);
    expect(prepared.directMultipliers).toEqual([-0.05, 0, 0, 0, 0.12, 0, 0, 0]);
    expect(prepared.correlatedMultipliers[0]).toBe(0);
  });

  it("leaves a zero-variance shocked factor out of the conditioning set", () => {
    const cov = handCovariance();
    cov[0] = cov[0].map(() => 0);
    cov.forEach((row) => (row[0] = 0));
    const prepared = prepareStressScenario({ scenarioId: "m", shocks: { Market: -0.1 } }, { ...MODEL, factorCovariance: cov });
    expect(prepared.factorReturns).toEqual([-0.1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("rejects unknown factors, non-finite shocks, a wrong-sized covariance and a bad duration", () => {
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: { Gold: 0.1 } as never }, MODEL)).toThrow('Scenario x shocks unknown factor "Gold"');
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: { Market: Number.NaN } }, MODEL)).toThrow("Scenario x has a non-finite Market shock: NaN");
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: {} }, { ...MODEL, factorCovariance: [[1]] })).toThrow(
      "Stress factor covariance must be 8×8 in the order SPY, VTV, VUG, MTUM, QUAL, IWM, USMV, TLT",
    );
    expect(() => prepareStressScenario({ scenarioId: "x", shocks: {} }, { ...MODEL, tltModifiedDuration: 0 })).toThrow(
      "TLT modified duration must be positive, got 0",
    );
    expect(prepareStressScenario({ scenarioId: "x", shocks: { Market: undefined } }, MODEL).shocks[0]).toBeNull();
  });

  it("rejects non-finite portfolio inputs", () => {
    const prepared = prepareStressScenario({ scenarioId: "m", shocks: { Market: -0.1 } }, MODEL);
    expect(() => computeStressResult({ ...BOOK, exposuresUsd: { Value: Number.NaN } }, prepared)).toThrow("Portfolio book has a non-finite Value exposure: NaN");
    expect(() => computeStressResult({ ...BOOK, netExposureUsd: Number.NaN }, prepared)).toThrow(
      "Portfolio book needs finite net exposure and equity for the loss cap",
    );
  });
});

/** Deterministic 252 × 8 daily returns (LCG) with a common market driver, fed through the real EWMA. */
function syntheticModel(): StressModel {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.02;
  const rows = Array.from({ length: STRESS_CONFIG.lookbackReturns }, () => {
    const market = next();
    return [market, ...Array.from({ length: 6 }, () => market * 0.9 + next() * 0.5), -0.3 * market + next()];
  });
  const ewma = computeEwmaCovariance(rows, {
    lambda: STRESS_CONFIG.ewmaLambda,
    correlationClip: STRESS_CONFIG.correlationClip,
    minObservations: STRESS_CONFIG.minCorrelationObservations,
  });
  return { factorCovariance: ewma.covariance, tltModifiedDuration: STRESS_CONFIG.tltModifiedDuration };
}

describe("stress engine properties", () => {
  const model = syntheticModel();
  const money = fc.double({ min: -5e7, max: 5e7, noNaN: true });
  const shock = fc.option(fc.double({ min: -0.6, max: 0.6, noNaN: true }), { nil: undefined });
  const portfolio = fc.record({
    exposures: fc.array(money, { minLength: 8, maxLength: 8 }),
    netExposureUsd: money,
    equityUsd: fc.double({ min: -1e6, max: 5e7, noNaN: true }),
  });

  it("contributions sum to their totals exactly to the cent, capped or not, and never breach the cap", () => {
    fc.assert(
      fc.property(portfolio, fc.array(shock, { minLength: 8, maxLength: 8 }), ({ exposures, netExposureUsd, equityUsd }, shockList) => {
        const shocks = Object.fromEntries(SHOCK_FACTORS.map((factor, i) => [factor, shockList[i]]));
        const exposuresUsd = Object.fromEntries(STRESS_EXPOSURE_FACTORS.map((name, i) => [name, exposures[i]]));
        const result = run({ portfolioId: "p", exposuresUsd, netExposureUsd, equityUsd }, { scenarioId: "s", shocks }, model);
        const contributions = Object.values(result.contributions);
        expect(sumCents(contributions.map((c) => c.directPnl))).toBe(toCents(result.directPnl));
        expect(sumCents(contributions.map((c) => c.correlatedPnl))).toBe(toCents(result.correlatedPnl));
        expect(toCents(result.correlationEffect)).toBe(toCents(result.correlatedPnl) - toCents(result.directPnl));
        const capCents = toCents(-0.99 * Math.max(netExposureUsd, equityUsd));
        if (Math.max(netExposureUsd, equityUsd) > 0) {
          expect(toCents(result.directPnl)).toBeGreaterThanOrEqual(capCents);
          expect(toCents(result.correlatedPnl)).toBeGreaterThanOrEqual(capCents);
        }
        if (result.directCapApplied) expect(toCents(result.directPnl)).toBe(capCents);
      }),
      { numRuns: 500 },
    );
  });

  it("batch = per-portfolio results, 10,000 portfolios × 19 scenarios", () => {
    const scenarios = listActiveStressScenarios();
    expect(scenarios).toHaveLength(19);
    const portfolios = Array.from({ length: 10_000 }, (_, p): StressPortfolioInput => ({
      portfolioId: `p${p}`,
      exposuresUsd: Object.fromEntries(STRESS_EXPOSURE_FACTORS.map((name, i) => [name, ((p * 7919 + i * 104729) % 2_000_000) - 600_000])),
      netExposureUsd: 500_000 + p,
      equityUsd: 1_000_000,
    }));
    const started = performance.now();
    const batch = computeStressResultsBatch(portfolios, scenarios, model);
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeLessThan(10_000);
    expect(batch.skippedScenarios).toEqual([]);
    expect(batch.failedPortfolios).toEqual([]);
    expect(batch.portfolios).toHaveLength(10_000);
    const sample = batch.portfolios[4242];
    const prepared = scenarios.map((scenario) => prepareStressScenario(scenario, model));
    expect(sample.results).toEqual(prepared.map((scenario) => computeStressResult(portfolios[4242], scenario)));
    expect(sample.summary.scenariosTested).toBe(19);
  });

  it("batch skips a scenario whose shocked block is singular, with its reason", () => {
    const cov = handCovariance();
    cov[1][1] = 0.0001;
    cov[0][1] = cov[1][0] = 0.0001;
    const batch = computeStressResultsBatch([BOOK], [{ scenarioId: "both", shocks: { Market: -0.1, Value: -0.1 } }, { scenarioId: "m", shocks: { Market: -0.1 } }], {
      ...MODEL,
      factorCovariance: cov,
    });
    expect(batch.skippedScenarios).toEqual([
      { scenarioId: "both", reason: "computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [0, 1]" },
    ]);
    expect(batch.portfolios[0].results.map((r) => r.scenarioId)).toEqual(["m"]);
  });

  it("batch records a portfolio with unusable inputs as failed and carries on", () => {
    const bad = { ...BOOK, portfolioId: "bad", equityUsd: Number.POSITIVE_INFINITY };
    const batch = computeStressResultsBatch([bad, BOOK], [{ scenarioId: "m", shocks: { Market: -0.1 } }], MODEL);
    expect(batch.failedPortfolios).toEqual([{ portfolioId: "bad", reason: "Portfolio bad needs finite net exposure and equity for the loss cap" }]);
    expect(batch.portfolios.map((p) => [p.portfolioId, p.summary.worst])).toEqual([["book", -39_900]]);
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
