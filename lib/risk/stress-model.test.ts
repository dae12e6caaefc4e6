import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { STRESS_BOOK, STRESS_MODEL } from "../testing/stress-fixtures";
import { closeRelative, recomputeStressExplanation } from "../testing/recompute-stress-explanation";
import fixture from "./fixtures/stress-model-fixture.json";
import { findCorrelationDriver } from "./stress-correlation-driver";
import { toCents } from "./stress-engine-cents";
import { computeStressResult, prepareStressScenario, type StressModel, type StressPortfolioInput } from "./stress-engine";
import { explainStressScenario } from "./stress-explain";
import { computeStressFactorCovariance, computeStressFactorReturns, isCurrentStressCovariance } from "./stress-factor-covariance";
import { labelStressContribution, STRESS_FACTORS, type StressFactor } from "./stress-factors";
import { STRESS_CONFIG } from "./stress-scenarios";

const numpyModel: StressModel = { factorCovariance: fixture.covariance, tltModifiedDuration: 16.5 };

function fixtureBook(testCase: (typeof fixture.cases)[number]): StressPortfolioInput {
  const { "Interest Rate": rates, ...styles } = testCase.exposures;
  return {
    portfolioId: "numpy-book",
    exposuresUsd: { ...styles, "IR Beta": rates, "Market Beta (90D)": testCase.marketBeta },
    netExposureUsd: testCase.netExposure,
    equityUsd: testCase.equity,
  };
}

describe("computeStressFactorCovariance against numpy (lib/risk/fixtures/stress-model-fixture.py)", () => {
  it("builds market-plus-excess vectors and their zero-mean EWMA covariance over the last 252 days", () => {
    const result = computeStressFactorCovariance(fixture.closes);
    expect(result.factors).toEqual([...STRESS_FACTORS]);
    expect(result.dataDays).toBe(fixture.dataDays);
    expect(fixture.closes.length - 1).toBeGreaterThan(STRESS_CONFIG.lookbackReturns);
    result.covariance.forEach((row, i) => row.forEach((value, j) => expect(closeRelative(value, fixture.covariance[i][j], 1e-9, 1e-15)).toBe(true)));
    expect(isCurrentStressCovariance(result.factors)).toBe(true);
  });

  it("forms x_k = r(ETF_k) − r(SPY) and keeps market and TLT raw", () => {
    // SPY 100 → 110 (+10%), VTV 50 → 56 (+12%), TLT 80 → 76 (−5%); the other styles flat.
    const closes = [[100, 50, 10, 10, 10, 10, 10, 80], [110, 56, 10, 10, 10, 10, 10, 76]];
    const [vector] = computeStressFactorReturns(closes);
    expect(vector[0]).toBeCloseTo(0.1, 15);
    expect(vector[1]).toBeCloseTo(0.02, 15);
    expect(vector[2]).toBeCloseTo(-0.1, 15);
    expect(vector[7]).toBeCloseTo(-0.05, 15);
  });

  it("has a zero covariance without history and no correlations below 30 days", () => {
    expect(computeStressFactorCovariance([fixture.closes[0]])).toMatchObject({ dataDays: 0, covariance: STRESS_FACTORS.map(() => STRESS_FACTORS.map(() => 0)) });
    const short = computeStressFactorCovariance(fixture.closes.slice(0, 21));
    expect(short.dataDays).toBe(20);
    expect(short.correlation[0][1]).toBe(0);
    expect(short.covariance[0][0]).toBeGreaterThan(0);
  });

  it("rejects a row without eight closes and a non-positive close, naming the ETF", () => {
    expect(() => computeStressFactorReturns([[1, 2]])).toThrow("Stress factor closes need 8 ETFs per date (SPY, VTV, VUG, MTUM, QUAL, IWM, USMV, TLT), row 0 has 2");
    expect(() => computeStressFactorReturns([[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 0, 1, 1, 1, 1, 1]])).toThrow(
      "VUG: computeSimpleReturns requires finite prices > 0, got 0 at index 1",
    );
    expect(isCurrentStressCovariance(["SPY", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV", "TLT"])).toBe(false);
    expect(isCurrentStressCovariance(null)).toBe(false);
  });
});

describe("explainStressScenario against numpy: conditional expectation in excess coordinates", () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_, testCase) => {
    const explanation = explainStressScenario({
      portfolio: fixtureBook(testCase),
      date: "2026-01-15",
      scenario: { scenarioId: testCase.name, name: testCase.name, shocks: testCase.shocks },
      model: numpyModel,
    });
    STRESS_FACTORS.forEach((factor, i) => {
      expect(closeRelative(explanation.moves[factor], testCase.expected.moves[i], 1e-9, 1e-12), `${factor} move`).toBe(true);
      expect(closeRelative(explanation.direct.contributions[factor], testCase.expected.direct[i], 1e-9, 1e-6)).toBe(true);
      expect(closeRelative(explanation.correlated.contributions[factor], testCase.expected.correlated[i], 1e-9, 1e-6)).toBe(true);
    });
    expect(closeRelative(explanation.correlated.total, testCase.expected.correlatedTotal)).toBe(true);
    expect(closeRelative(explanation.direct.total, testCase.expected.directTotal)).toBe(true);
  });
});

describe("explainStressScenario", () => {
  const explain = (shocks: Partial<Record<StressFactor, number>>, portfolio = STRESS_BOOK, model = STRESS_MODEL) =>
    explainStressScenario({ portfolio, date: "2026-01-15", scenario: { scenarioId: "s", name: "S", shocks }, model });

  it("lays the object out in factor order, shocks as factor returns, Market = Σ styles", () => {
    const explanation = explain({ Market: -0.1, "Interest Rate": 0.01 });
    expect(Object.keys(explanation)).toEqual([
      "portfolioId", "date", "scenario", "equity", "factors", "covariance", "exposures", "marketBetaExposure", "shocks", "moves",
      "direct", "correlated", "capped",
    ]);
    expect(Object.keys(explanation.moves)).toEqual([...STRESS_FACTORS]);
    expect(Object.keys(explanation.direct.contributions)).toEqual([...STRESS_FACTORS]);
    expect(explanation.shocks).toEqual({ Market: -0.1, "Interest Rate": -0.165 });
    expect(explanation.exposures.Market).toBe(500_000);
    expect(explanation.marketBetaExposure).toBe(450_000);
    expect(explanation.scenario).toEqual({ id: "s", name: "S" });
    expect(explanation.capped).toEqual({ direct: false, correlated: false });
  });

  it("agrees with the stored (cent) figures of the same engine", () => {
    const shocks = { Market: -0.2, Value: 0.05 };
    const explanation = explain(shocks);
    const stored = computeStressResult(STRESS_BOOK, prepareStressScenario({ scenarioId: "s", shocks }, STRESS_MODEL));
    expect(toCents(explanation.correlated.total)).toBe(toCents(stored.correlatedPnl));
    expect(toCents(explanation.direct.total)).toBe(toCents(stored.directPnl));
    for (const factor of STRESS_FACTORS) expect(Math.abs(explanation.correlated.contributions[factor] - stored.contributions[factor].correlatedPnl)).toBeLessThan(0.01);
  });

  it("is reproduced from its own covariance, exposures and shocks to 1e-9, capped or not", () => {
    const levered = { ...STRESS_BOOK, netExposureUsd: 10_000, equityUsd: 10_000 };
    for (const [shocks, portfolio] of [[{ Market: -0.35, Value: -0.2 }, levered], [{ "Interest Rate": 0.02, Growth: 0.1 }, STRESS_BOOK]] as const) {
      const explanation = explain(shocks, portfolio);
      const again = recomputeStressExplanation(explanation);
      STRESS_FACTORS.forEach((factor, i) => {
        expect(closeRelative(again.moves[i], explanation.moves[factor])).toBe(true);
        expect(closeRelative(again.direct[i], explanation.direct.contributions[factor])).toBe(true);
        expect(closeRelative(again.correlated[i], explanation.correlated.contributions[factor])).toBe(true);
      });
    }
    expect(explain({ Market: -0.35, Value: -0.2 }, levered).capped).toEqual({ direct: true, correlated: true });
  });
});

describe("stress model invariants (fast-check, numpy covariance)", () => {
  const money = fc.double({ min: -5e7, max: 5e7, noNaN: true });
  const shock = fc.option(fc.double({ min: -0.6, max: 0.6, noNaN: true }), { nil: undefined });
  const book = fc.record({
    exposures: fc.array(money, { minLength: 8, maxLength: 8 }),
    netExposureUsd: money,
    equityUsd: fc.double({ min: -1e6, max: 5e7, noNaN: true }),
  });
  const toPortfolio = ({ exposures, netExposureUsd, equityUsd }: { exposures: number[]; netExposureUsd: number; equityUsd: number }): StressPortfolioInput => ({
    portfolioId: "p",
    exposuresUsd: Object.fromEntries(["Market Beta (90D)", ...STRESS_FACTORS.slice(1, 7), "IR Beta"].map((name, i) => [name, exposures[i]])),
    netExposureUsd,
    equityUsd,
  });
  const toShocks = (list: (number | undefined)[]) => Object.fromEntries(STRESS_FACTORS.map((factor, i) => [factor, list[i]]));
  const run = (portfolio: StressPortfolioInput, shocks: Record<string, number | undefined>) =>
    computeStressResult(portfolio, prepareStressScenario({ scenarioId: "s", shocks }, numpyModel));

  it("shocked moves equal the shocks; contributions sum to their totals to the cent, capped or not", () => {
    fc.assert(
      fc.property(book, fc.array(shock, { minLength: 8, maxLength: 8 }), (input, list) => {
        const result = run(toPortfolio(input), toShocks(list));
        STRESS_FACTORS.forEach((factor, i) => {
          if (list[i] !== undefined) expect(result.contributions[factor].move).toBe(factor === "Interest Rate" ? -16.5 * list[i]! : list[i]);
        });
        const parts = Object.values(result.contributions);
        expect(parts.reduce((sum, c) => sum + toCents(c.directPnl), 0)).toBe(toCents(result.directPnl));
        expect(parts.reduce((sum, c) => sum + toCents(c.correlatedPnl), 0)).toBe(toCents(result.correlatedPnl));
        expect(toCents(result.correlationEffect)).toBe(toCents(result.correlatedPnl) - toCents(result.directPnl));
        const base = Math.max(input.netExposureUsd, input.equityUsd);
        if (base > 0) expect(toCents(result.correlatedPnl)).toBeGreaterThanOrEqual(toCents(-0.99 * base));
        if (result.directCapApplied) expect(toCents(result.directPnl)).toBe(toCents(-0.99 * base));
      }),
      { numRuns: 400 },
    );
  });

  it("a rally and the matching decline give exactly opposite uncapped results", () => {
    fc.assert(
      fc.property(book, fc.array(shock, { minLength: 8, maxLength: 8 }), (input, list) => {
        const portfolio = { ...toPortfolio(input), netExposureUsd: 0, equityUsd: 0 }; // no cap base: never capped
        const up = run(portfolio, toShocks(list));
        const down = run(portfolio, toShocks(list.map((value) => (value === undefined ? undefined : -value))));
        const negate = (value: number) => (value === 0 ? 0 : -value);
        expect(down.directPnl).toBe(negate(up.directPnl));
        expect(down.correlatedPnl).toBe(negate(up.correlatedPnl));
        for (const factor of STRESS_FACTORS) {
          expect(down.contributions[factor].directPnl).toBe(negate(up.contributions[factor].directPnl));
          expect(down.contributions[factor].correlatedPnl).toBe(negate(up.contributions[factor].correlatedPnl));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a market-only scenario's Market contribution has the sign of E_m × s_m", () => {
    fc.assert(
      fc.property(book, fc.double({ min: -0.6, max: 0.6, noNaN: true }), (input, marketShock) => {
        const portfolio = toPortfolio(input);
        const result = run(portfolio, { Market: marketShock });
        const impliedMarket = STRESS_FACTORS.slice(1, 7).reduce((sum, factor) => sum + portfolio.exposuresUsd[factor], 0);
        const expected = Math.sign(toCents(impliedMarket * marketShock));
        if (Math.abs(impliedMarket * marketShock) < 1) return; // within a cent of zero: no sign to keep
        const sign = Math.sign(result.contributions.Market.correlatedPnl);
        // The cap scales every contribution by the same positive factor: the sign stays, unless a tiny cap base
        // scales the contribution below a cent.
        if (result.correlatedCapApplied) expect([expected, 0]).toContain(sign);
        else expect(sign).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("findCorrelationDriver", () => {
  const contributions = (values: Partial<Record<StressFactor, [number | null, number, number, number]>>) =>
    Object.fromEntries(STRESS_FACTORS.map((factor) => {
      const [shock, move, directPnl, correlatedPnl] = values[factor] ?? [null, 0, 0, 0];
      return [factor, { shock, move, directPnl, correlatedPnl }];
    }));

  it("is silent while the correlated total is at most 3× the direct one", () => {
    expect(findCorrelationDriver({ directPnl: -10_000, correlatedPnl: -30_000, contributions: contributions({}) })).toBeNull();
    expect(findCorrelationDriver({ directPnl: 0, correlatedPnl: 0, contributions: contributions({}) })).toBeNull();
  });

  it("names the implied move that opens the gap", () => {
    const driver = findCorrelationDriver({
      directPnl: 5_000,
      correlatedPnl: -40_000,
      contributions: contributions({ Value: [0.1, 0.1, 5_000, 5_000], Market: [null, -0.08, 0, -41_000], Size: [null, -0.01, 0, -4_000] }),
    });
    expect(driver).toEqual({ ratio: 8, factor: "Market", implied: true, move: -0.08, gapUsd: -41_000 });
  });

  it("names the market exposure gap of a market-only scenario, and handles a zero direct total", () => {
    const driver = findCorrelationDriver({
      directPnl: 0,
      correlatedPnl: 12_000,
      contributions: contributions({ Market: [0.1, 0.1, 0, 10_000], Value: [null, 0.01, 0, 2_000] }),
    });
    expect(driver).toMatchObject({ ratio: null, factor: "Market", implied: false, gapUsd: 10_000 });
  });

  it("skips factors without a stored contribution (a result written before the factor existed)", () => {
    const { Market: _market, ...withoutMarket } = contributions({ Market: [null, -0.08, 0, -41_000], Size: [null, -0.01, 0, -4_000] });
    const driver = findCorrelationDriver({ directPnl: 1_000, correlatedPnl: -4_000, contributions: withoutMarket });
    expect(driver).toMatchObject({ factor: "Size", implied: true, gapUsd: -4_000 });
  });

  it("labels contributions the same way everywhere", () => {
    expect(labelStressContribution("Market", "correlated")).toBe("Market (via styles)");
    expect(labelStressContribution("Market", "direct")).toBe("Market (90-day beta)");
    expect(labelStressContribution("Quality", "direct")).toBe("Quality vs market");
    expect(labelStressContribution("Interest Rate", "correlated")).toBe("Interest rates");
  });
});
