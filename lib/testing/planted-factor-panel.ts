/** A synthetic price panel with planted factor loadings, for the symbol-factor engine's tests. */
import { createSeededNormal } from "../math/seeded-normal";
import type { PricePanel } from "../risk/symbol-factors/factor-window";

export const ALL_REGRESSOR_ETFS = ["SPY", "TLT", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"] as const;

/** Consecutive calendar dates from 2025-01-01 (tests need ordered ISO dates, not a trading calendar). */
export function listTestDates(count: number): string[] {
  return Array.from({ length: count }, (_, day) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));
}

export function compoundPrices(returns: ArrayLike<number>, start = 100): Float64Array {
  const prices = new Float64Array(returns.length + 1);
  prices[0] = start;
  for (let t = 0; t < returns.length; t++) prices[t + 1] = prices[t] * (1 + returns[t]);
  return prices;
}

/**
 * A panel of `days` dates with independent ETF returns (σ = 1 %) and symbols built from planted loadings:
 * r_symbol = Σ loading × r_etf + noise. Spread loadings use the spread return directly (e.g. { VUG: 0.9, VTV: −0.9 }).
 */
export function buildPlantedPanel(
  days: number,
  symbols: Record<string, { loadings: Partial<Record<(typeof ALL_REGRESSOR_ETFS)[number], number>>; noise: number }>,
  seed = 11,
): { panel: PricePanel; etfReturns: Record<string, Float64Array> } {
  const normal = createSeededNormal(seed);
  const dates = listTestDates(days);
  const prices = new Map<string, Float64Array>();
  const etfReturns: Record<string, Float64Array> = {};
  for (const etf of ALL_REGRESSOR_ETFS) {
    etfReturns[etf] = Float64Array.from({ length: days - 1 }, () => 0.0003 + 0.01 * normal());
    prices.set(etf, compoundPrices(etfReturns[etf]));
  }
  for (const [symbol, { loadings, noise }] of Object.entries(symbols)) {
    const returns = Float64Array.from({ length: days - 1 }, (_, t) => {
      let value = noise * normal();
      for (const [etf, loading] of Object.entries(loadings)) value += (loading ?? 0) * etfReturns[etf][t];
      return value;
    });
    prices.set(symbol, compoundPrices(returns));
  }
  return { panel: { dates, prices }, etfReturns };
}
