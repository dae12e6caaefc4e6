import { describe, expect, it } from "vitest";
import {
  computeFactorWindow,
  computeRegressorReturns,
  describeIncompleteBenchmark,
  findBenchmarkWindow,
  isPricePresent,
  type PricePanel,
} from "./factor-window";
import { listTestDates } from "@/lib/testing/planted-factor-panel";

const dates = listTestDates(8); // 2025-01-01 … 2025-01-08
const panelOf = (series: Record<string, number[]>): PricePanel => ({
  dates,
  prices: new Map(Object.entries(series).map(([symbol, values]) => [symbol, Float64Array.from(values)])),
});
const spec = (windowReturns: number, calcDate = "2025-01-08") => ({ calcDate, regressorEtfs: ["AAA", "BBB"], windowReturns });

describe("findBenchmarkWindow (R12: last N+1 dates ≤ calcDate with every regressor priced)", () => {
  it("takes the last N+1 dates when every regressor is priced", () => {
    const panel = panelOf({ AAA: [1, 2, 3, 4, 5, 6, 7, 8], BBB: [8, 7, 6, 5, 4, 3, 2, 1] });
    const window = findBenchmarkWindow(panel, spec(3));
    expect(Array.from(window.dateIndices)).toEqual([4, 5, 6, 7]);
    expect(window.complete).toBe(true);
    expect(Array.from(window.regressorReturns[0])).toEqual([6 / 5 - 1, 7 / 6 - 1, 8 / 7 - 1]);
  });

  it("skips a date on which one regressor has no price and reaches further back", () => {
    const panel = panelOf({ AAA: [1, 2, 3, 4, 5, 6, 7, 8], BBB: [8, 7, 6, 5, Number.NaN, 3, 2, 1] });
    const window = findBenchmarkWindow(panel, spec(3));
    expect(Array.from(window.dateIndices)).toEqual([3, 5, 6, 7]);
    expect(window.regressorReturns[1][0]).toBe(3 / 5 - 1);
  });

  it("ignores dates after calcDate and accepts a calcDate that is not in the panel", () => {
    const panel: PricePanel = {
      dates: ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07"],
      prices: new Map([["AAA", Float64Array.from([1, 2, 3, 4])], ["BBB", Float64Array.from([1, 3, 2, 4])]]),
    };
    const window = findBenchmarkWindow(panel, spec(2, "2025-01-05"));
    expect(Array.from(window.dateIndices)).toEqual([0, 1]);
    expect(window.complete).toBe(false);
    expect(describeIncompleteBenchmark(window)).toBe("Benchmark window incomplete: 2 dates with prices for all of AAA, BBB (need 3)");
    expect(findBenchmarkWindow(panel, spec(1, "2024-12-31")).dateIndices).toHaveLength(0);
  });

  it("is empty when a regressor has no series at all", () => {
    const window = findBenchmarkWindow(panelOf({ AAA: [1, 2, 3, 4, 5, 6, 7, 8] }), spec(3));
    expect(window.dateIndices).toHaveLength(0);
    expect(window.regressorReturns.map((returns) => returns.length)).toEqual([0, 0]);
  });
});

describe("computeFactorWindow (R12: keep W's dates on which the symbol is priced)", () => {
  const etfs = { AAA: [1, 2, 3, 4, 5, 6, 7, 8], BBB: [2, 3, 5, 7, 11, 13, 17, 19] };

  it("uses the shared benchmark returns when the symbol has every date of W", () => {
    const panel = panelOf({ ...etfs, SYM: [5, 5, 5, 5, 10, 12, 9, 18] });
    const benchmark = findBenchmarkWindow(panel, spec(3));
    const outcome = computeFactorWindow(panel, "SYM", benchmark);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.window).toMatchObject({ n: 3, windowStart: "2025-01-05", windowEnd: "2025-01-08", fullWindow: true });
    expect(Array.from(outcome.window.symbolReturns)).toEqual([12 / 10 - 1, 9 / 12 - 1, 18 / 9 - 1]);
    expect(computeRegressorReturns(panel, benchmark, outcome.window)).toBe(benchmark.regressorReturns);
  });

  it("turns a gap in the symbol into one longer return on both sides", () => {
    const panel = panelOf({ ...etfs, SYM: [5, 5, 5, 5, 10, Number.NaN, 9, 18] });
    const benchmark = findBenchmarkWindow(panel, spec(3));
    const outcome = computeFactorWindow(panel, "SYM", benchmark);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.window.n).toBe(2);
    expect(outcome.window.fullWindow).toBe(false);
    expect(Array.from(outcome.window.keptIndices)).toEqual([4, 6, 7]);
    expect(Array.from(outcome.window.symbolReturns)).toEqual([9 / 10 - 1, 18 / 9 - 1]);
    const [aaa, bbb] = computeRegressorReturns(panel, benchmark, outcome.window);
    expect(Array.from(aaa)).toEqual([7 / 5 - 1, 8 / 7 - 1]);
    expect(Array.from(bbb)).toEqual([17 / 11 - 1, 19 / 17 - 1]);
  });

  it("starts the window at the first kept date when the symbol's history begins inside W", () => {
    const panel = panelOf({ ...etfs, NEW: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 4, 0, 5] });
    const outcome = computeFactorWindow(panel, "NEW", findBenchmarkWindow(panel, spec(3)));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.window).toMatchObject({ n: 1, windowStart: "2025-01-06", windowEnd: "2025-01-08" });
  });

  it("fails a symbol with no price in W or no series at all", () => {
    const panel = panelOf({ ...etfs, OLD: [1, 2, 3, 4, Number.NaN, Number.NaN, Number.NaN, Number.NaN] });
    const benchmark = findBenchmarkWindow(panel, spec(3));
    expect(computeFactorWindow(panel, "OLD", benchmark)).toEqual({ ok: false, reason: "No price for OLD in the window" });
    expect(computeFactorWindow(panel, "NONE", benchmark)).toEqual({ ok: false, reason: "No price for NONE in the window" });
  });

  it("treats NaN, zero, negative and infinite prices as missing", () => {
    expect([1, 0.01].every(isPricePresent)).toBe(true);
    expect([0, -1, Number.NaN, Infinity].some(isPricePresent)).toBe(false);
  });
});
