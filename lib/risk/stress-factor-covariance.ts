/**
 * The stress model's factor covariance of one date, from the closes of its eight ETFs: simple returns per ETF,
 * turned into the factor vector (market, six styles in excess of the market, TLT), then an EWMA covariance with
 * zero mean over the last 252 vectors ending on the date, correlations clipped and made positive definite.
 */
import { computeEwmaCovariance } from "../math/ewma-covariance";
import { computeSimpleReturns } from "../math/simple-returns";
import { MARKET_FACTOR_INDEX, RATE_FACTOR_INDEX, STRESS_FACTORS, STRESS_FACTOR_ETFS, type StressFactor } from "./stress-factors";
import { STRESS_CONFIG } from "./stress-scenarios";

export interface StressFactorCovariance {
  /** STRESS_FACTORS, the order of both matrices. */
  factors: StressFactor[];
  covariance: number[][];
  correlation: number[][];
  /** Number of daily factor vectors used (at most STRESS_CONFIG.lookbackReturns). */
  dataDays: number;
  lambda: number;
}

/**
 * Daily factor vectors from ETF closes: m = r(SPY), x_k = r(ETF_k) − r(SPY) for the six styles, t = r(TLT).
 *
 * @param closesByDate - one row per date (oldest first) of closes in STRESS_FACTOR_ETFS order, each > 0.
 * @returns one 8-vector per consecutive pair of dates, oldest first.
 * @throws if a row does not have 8 closes, or a close is not a finite positive number.
 */
export function computeStressFactorReturns(closesByDate: readonly (readonly number[])[]): number[][] {
  const width = STRESS_FACTOR_ETFS.length;
  closesByDate.forEach((row, t) => {
    if (row.length !== width) throw new Error(`Stress factor closes need ${width} ETFs per date (${STRESS_FACTOR_ETFS.join(", ")}), row ${t} has ${row.length}`);
  });
  const etfReturns = STRESS_FACTOR_ETFS.map((etf, i) => {
    try {
      return computeSimpleReturns(closesByDate.map((row) => row[i]));
    } catch (error) {
      throw new Error(`${etf}: ${(error as Error).message}`);
    }
  });
  const days = Math.max(closesByDate.length - 1, 0);
  return Array.from({ length: days }, (_, t) => {
    const market = etfReturns[MARKET_FACTOR_INDEX][t];
    return etfReturns.map((returns, i) => (i === MARKET_FACTOR_INDEX || i === RATE_FACTOR_INDEX ? returns[t] : returns[t] - market));
  });
}

/**
 * EWMA covariance of the factor vectors of the last STRESS_CONFIG.lookbackReturns days: λ = 0.94, zero mean,
 * normalised weights, correlations clipped to ±0.95 and shrunk until positive definite (computeEwmaCovariance).
 * Below STRESS_CONFIG.minCorrelationObservations vectors the correlations are 0; with none at all the covariance is
 * 0 (every scenario then moves only what it shocks).
 *
 * @param closesByDate - closes in STRESS_FACTOR_ETFS order, oldest first, the last row the calculation date.
 * Complexity: O(T·64) for T ≤ 252 days.
 */
export function computeStressFactorCovariance(closesByDate: readonly (readonly number[])[]): StressFactorCovariance {
  const vectors = computeStressFactorReturns(closesByDate).slice(-STRESS_CONFIG.lookbackReturns);
  const size = STRESS_FACTORS.length;
  const base = { factors: [...STRESS_FACTORS], dataDays: vectors.length, lambda: STRESS_CONFIG.ewmaLambda };
  if (vectors.length === 0) {
    const square = (value: (i: number, j: number) => number) =>
      Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => value(i, j)));
    return { ...base, covariance: square(() => 0), correlation: square((i, j) => (i === j ? 1 : 0)) };
  }
  const ewma = computeEwmaCovariance(vectors, {
    lambda: STRESS_CONFIG.ewmaLambda,
    correlationClip: STRESS_CONFIG.correlationClip,
    minObservations: STRESS_CONFIG.minCorrelationObservations,
    zeroMean: true,
  });
  return { ...base, covariance: ewma.covariance, correlation: ewma.correlation };
}

/** True when a stored covariance is in this model's coordinates (factor names in this order). */
export function isCurrentStressCovariance(factors: unknown): boolean {
  return Array.isArray(factors) && factors.length === STRESS_FACTORS.length && factors.every((name, i) => name === STRESS_FACTORS[i]);
}
