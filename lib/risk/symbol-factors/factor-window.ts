/**
 * The window rule: which dates and which returns a symbol's regression of one factor family uses.
 * Pure; the price panel is built by the caller (adj_close falling back to close, NaN for a missing price).
 */
import { writeSimpleReturnsAt } from "../../math/simple-returns";

/** Prices aligned to ascending ISO dates; each array has `dates.length` entries, NaN where the price is missing. */
export interface PricePanel {
  dates: readonly string[];
  prices: ReadonlyMap<string, Float64Array>;
}

export interface FactorWindowSpec {
  calcDate: string;
  regressorEtfs: readonly string[];
  /** N: the benchmark window has N + 1 dates. */
  windowReturns: number;
}

/** W: the last N + 1 dates ≤ calcDate on which every regressor ETF has a price, with the regressors' returns over W. */
export interface BenchmarkWindow {
  spec: FactorWindowSpec;
  /** Indices into panel.dates, ascending; fewer than N + 1 when the history is too short. */
  dateIndices: Int32Array;
  complete: boolean;
  /** Per regressor (spec order), returns between consecutive dates of W (length |W| − 1). */
  regressorReturns: Float64Array[];
}

/** One symbol's aligned returns: consecutive kept dates; the regressors use the same pairs (see computeRegressorReturns). */
export interface SymbolFactorWindow {
  /** Indices into panel.dates of the kept dates (dates of W on which the symbol has a price). */
  keptIndices: Int32Array;
  n: number;
  windowStart: string;
  windowEnd: string;
  symbolReturns: Float64Array;
  /** True when every date of W was kept (the symbol can share the family's factorisation). */
  fullWindow: boolean;
}

export type FactorWindowResult = { ok: true; window: SymbolFactorWindow } | { ok: false; reason: string };

/** A price is present when it is finite and > 0. */
export function isPricePresent(price: number): boolean {
  return price > 0 && price < Infinity;
}

function computeReturnsAt(prices: Float64Array, indices: Int32Array): Float64Array {
  const returns = new Float64Array(Math.max(indices.length - 1, 0));
  writeSimpleReturnsAt(prices, indices, returns);
  return returns;
}

function findLastIndexOnOrBefore(dates: readonly string[], calcDate: string): number {
  let low = 0;
  let high = dates.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (dates[middle] <= calcDate) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The benchmark window W of one factor family (computed once per family and calc date). */
export function findBenchmarkWindow(panel: PricePanel, spec: FactorWindowSpec): BenchmarkWindow {
  const series = spec.regressorEtfs.map((etf) => panel.prices.get(etf));
  const collected: number[] = [];
  if (series.every((prices) => prices !== undefined)) {
    const regressorPrices = series as Float64Array[];
    for (let index = findLastIndexOnOrBefore(panel.dates, spec.calcDate); index >= 0; index--) {
      if (regressorPrices.every((prices) => isPricePresent(prices[index]))) collected.push(index);
      if (collected.length === spec.windowReturns + 1) break;
    }
  }
  const dateIndices = Int32Array.from(collected.reverse());
  return {
    spec,
    dateIndices,
    complete: dateIndices.length === spec.windowReturns + 1,
    regressorReturns: series.map((prices) => (prices ? computeReturnsAt(prices, dateIndices) : new Float64Array(0))),
  };
}

/** Reason given to every symbol when W has fewer than N + 1 dates. */
export function describeIncompleteBenchmark(benchmark: BenchmarkWindow): string {
  const { regressorEtfs, windowReturns } = benchmark.spec;
  return `Benchmark window incomplete: ${benchmark.dateIndices.length} dates with prices for all of ${regressorEtfs.join(", ")} (need ${windowReturns + 1})`;
}

/**
 * R12 for one symbol and one family: keep the dates of W on which the symbol has a price and take simple returns
 * between consecutive kept dates for the symbol and each regressor alike (a gap makes one longer return on both sides).
 * Fails only when the symbol has no price in W; the minimum-returns rule is the caller's.
 */
export function computeFactorWindow(
  panel: PricePanel,
  symbol: string,
  benchmark: BenchmarkWindow,
): FactorWindowResult {
  const prices = panel.prices.get(symbol);
  const { dateIndices } = benchmark;
  let keptCount = 0;
  if (prices) for (let t = 0; t < dateIndices.length; t++) if (isPricePresent(prices[dateIndices[t]])) keptCount++;
  if (!prices || keptCount === 0) return { ok: false, reason: `No price for ${symbol} in the window` };
  const fullWindow = keptCount === dateIndices.length;
  const keptIndices = fullWindow ? dateIndices : dateIndices.filter((index) => isPricePresent(prices[index]));
  return {
    ok: true,
    window: {
      keptIndices,
      n: keptCount - 1,
      windowStart: panel.dates[keptIndices[0]],
      windowEnd: panel.dates[keptIndices[keptCount - 1]],
      symbolReturns: computeReturnsAt(prices, keptIndices),
      fullWindow,
    },
  };
}

/** The regressors' returns between the symbol's consecutive kept dates, in the order of spec.regressorEtfs. */
export function computeRegressorReturns(panel: PricePanel, benchmark: BenchmarkWindow, window: SymbolFactorWindow): Float64Array[] {
  if (window.fullWindow) return benchmark.regressorReturns;
  return benchmark.spec.regressorEtfs.map((etf) => computeReturnsAt(panel.prices.get(etf)!, window.keptIndices));
}
