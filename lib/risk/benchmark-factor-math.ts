import { createSeededNormal } from "../math/seeded-normal";
import { computeSymbolFactors } from "./compute-symbol-factors";
import { REGRESSOR_ETFS } from "./factor-definitions";
import type { PricePanel } from "./factor-window";


/** Weekday ISO dates ending 2026-01-30 (a stand-in calendar: the benchmark needs dates, not holidays). */
function listWeekdays(count: number): string[] {
  const dates: string[] = [];
  for (let day = Date.UTC(2026, 0, 30); dates.length < count; day -= 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates.reverse();
}

/** A synthetic panel: 8 regressor ETFs plus `symbolCount` stocks with planted betas, `days` prices each. */
export function buildSyntheticPanel(symbolCount: number, days = 365, seed = 7): { panel: PricePanel; symbols: string[] } {
  const normal = createSeededNormal(seed);
  const dates = listWeekdays(days);
  const prices = new Map<string, Float64Array>();
  const market = Float64Array.from(dates, () => 0.0004 + 0.01 * normal());
  const etfReturns = REGRESSOR_ETFS.map((etf, e) => Float64Array.from(market, (m) => (etf === "TLT" ? -0.2 * m : m * (0.8 + 0.05 * e)) + 0.004 * normal()));
  const toPrices = (returns: Float64Array) => {
    const series = new Float64Array(days);
    series[0] = 100;
    for (let t = 1; t < days; t++) series[t] = series[t - 1] * (1 + returns[t]);
    return series;
  };
  REGRESSOR_ETFS.forEach((etf, e) => prices.set(etf, toPrices(etfReturns[e])));
  const symbols = Array.from({ length: symbolCount }, (_, s) => `S${String(s).padStart(5, "0")}`);
  for (const symbol of symbols) {
    const loadings = REGRESSOR_ETFS.map(() => 0.3 * normal());
    const returns = Float64Array.from(market, (_, t) => loadings.reduce((sum, beta, e) => sum + beta * etfReturns[e][t], 0) + 0.015 * normal());
    prices.set(symbol, toPrices(returns));
  }
  return { panel: { dates, prices }, symbols };
}

/**
 * Elapsed seconds of computeSymbolFactors (all four families, batched) for `symbolCount` synthetic symbols × 365
 * days of prices. The panel is built and the code warmed up on 200 symbols before the clock starts; the result is
 * the median of `repetitions` timed runs (the first run of a fresh process is ~1.5× slower while V8 optimises).
 * Called by the bench harness; tests never assert on it.
 */
export function benchmarkFactorMath(symbolCount: number, repetitions = 3): number {
  const { panel, symbols } = buildSyntheticPanel(symbolCount);
  const calcDate = panel.dates[panel.dates.length - 1];
  computeSymbolFactors({ panel, calcDate, symbols: symbols.slice(0, 200) });
  const seconds: number[] = [];
  for (let run = 0; run < Math.max(1, repetitions); run++) {
    const started = performance.now();
    computeSymbolFactors({ panel, calcDate, symbols });
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds.sort((a, b) => a - b)[Math.floor(seconds.length / 2)];
}
