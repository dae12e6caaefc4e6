import { tryDecomposeCholesky } from "./cholesky";

export interface EwmaCovarianceOptions {
  /** Decay λ in (0, 1]; 0.94 is the RiskMetrics daily value. λ = 1 gives equal weights. */
  lambda: number;
  /** Off-diagonal correlations are clipped to [−clip, +clip]; clip in (0, 1]. */
  correlationClip: number;
  /** Below this many return rows every off-diagonal correlation is 0. */
  minObservations: number;
  /**
   * Treat the mean return as 0 instead of subtracting the weighted mean (RiskMetrics' usual choice for daily
   * returns, whose mean is small beside their noise and badly estimated). Default false.
   */
  zeroMean?: boolean;
}

export interface EwmaCovarianceResult {
  /** K×K covariance rebuilt as σ_i ρ_ij σ_j from the final (clipped, shrunk) correlations; same units² as returns. */
  covariance: number[][];
  /** K×K correlations: diagonal 1, off-diagonals clipped, zeroed and shrunk as documented. */
  correlation: number[][];
  /** σ_i = √Σ_ii, per-period (not annualised) in the units of the returns. */
  volatility: number[];
  /** T, the number of return rows used. */
  observations: number;
  /** Total factor the off-diagonal correlations were multiplied by to reach positive definiteness (1 = none). */
  shrinkage: number;
}

/** Each shrinkage step multiplies every off-diagonal correlation by this factor. */
export const EWMA_SHRINK_STEP = 0.95;
/** A correlation matrix counts as positive definite when every Cholesky pivot is at least this (scale 1). */
export const EWMA_MIN_CHOLESKY_PIVOT = 1e-10;
const MAX_SHRINK_STEPS = 1_000;

/**
 * Exponentially weighted (EWMA) covariance and correlation, RiskMetrics style.
 *
 * For T return rows r_t (chronological, oldest first) and K columns, the row k steps before the most recent
 * (k = T − 1 − t) gets weight w_t = λ^k / Σ_j λ^j, so Σ w_t = 1. Then
 *   μ_i = Σ_t w_t r_ti (μ = 0 with zeroMean),   Σ_ij = Σ_t w_t (r_ti − μ_i)(r_tj − μ_j)   (no bias correction),
 *   σ_i = √Σ_ii,          ρ_ij = clip(Σ_ij / (σ_i σ_j), −c, +c)   for i ≠ j, ρ_ii = 1.
 * ρ_ij = 0 when T < minObservations or σ_i = 0 or σ_j = 0. Clipping can break positive definiteness, so while the
 * Cholesky factorisation of ρ has a pivot below EWMA_MIN_CHOLESKY_PIVOT, every off-diagonal is multiplied by
 * EWMA_SHRINK_STEP (0.95); ρ → I guarantees termination. The returned covariance is σ_i ρ_ij σ_j, so it agrees with
 * the returned correlation and volatility and is positive semidefinite (definite when every σ_i > 0).
 *
 * Units: returns are decimals per period (daily simple returns); Σ is in (decimal/period)².
 * Reference: J.P. Morgan/Reuters, RiskMetrics — Technical Document, 4th ed., 1996, §5.2.1 (eqs. 5.1, 5.3)
 * https://www.msci.com/documents/10199/5915b101-4206-4ba0-aee2-3449d5c7e95a
 * Complexity: O(T·K²) for the moments plus O(s·K³) for s shrinkage steps (s = 0 when no clipping bites).
 *
 * @throws if lambda ∉ (0, 1], correlationClip ∉ (0, 1], minObservations is not a non-negative integer, rows have
 *   differing lengths, or a value is not finite.
 */
export function computeEwmaCovariance(
  returns: readonly (readonly number[])[],
  options: EwmaCovarianceOptions,
): EwmaCovarianceResult {
  assertEwmaInputs(returns, options);
  const rows = returns.length;
  const factors = rows === 0 ? 0 : returns[0].length;
  const weights = computeEwmaWeights(rows, options.lambda);
  const raw = computeWeightedCovariance(returns, weights, factors, options.zeroMean ?? false);
  const volatility = raw.map((row, i) => Math.sqrt(Math.max(row[i], 0)));
  const clipped = Array.from({ length: factors }, (_, i) =>
    Array.from({ length: factors }, (_, j) => {
      if (i === j) return 1;
      if (rows < options.minObservations || volatility[i] * volatility[j] === 0) return 0;
      const rho = raw[i][j] / (volatility[i] * volatility[j]);
      return Math.min(options.correlationClip, Math.max(-options.correlationClip, rho));
    }),
  );
  const { correlation, shrinkage } = shrinkCorrelationToPositiveDefinite(clipped);
  const covariance = correlation.map((row, i) =>
    row.map((rho, j) => (i <= j ? volatility[i] * rho * volatility[j] : volatility[j] * rho * volatility[i])),
  );
  return { covariance, correlation, volatility, observations: rows, shrinkage };
}

/** Normalised EWMA weights for T rows, oldest first: w_t ∝ λ^(T−1−t). O(T). */
export function computeEwmaWeights(rows: number, lambda: number): number[] {
  const raw = Array.from({ length: rows }, (_, t) => lambda ** (rows - 1 - t));
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  return raw.map((weight) => weight / total);
}

/**
 * Multiplies the off-diagonals of a symmetric correlation matrix by EWMA_SHRINK_STEP until its Cholesky pivots are
 * all ≥ EWMA_MIN_CHOLESKY_PIVOT. Returns a new matrix and the total factor applied (1 when already PD). O(s·K³).
 */
export function shrinkCorrelationToPositiveDefinite(correlation: readonly (readonly number[])[]): {
  correlation: number[][];
  shrinkage: number;
} {
  let shrinkage = 1;
  for (let step = 0; step < MAX_SHRINK_STEPS; step += 1) {
    const candidate = correlation.map((row, i) => row.map((rho, j) => (i === j ? rho : rho * shrinkage)));
    if (isPositiveDefinite(candidate)) return { correlation: candidate, shrinkage };
    shrinkage *= EWMA_SHRINK_STEP;
  }
  const identity = correlation.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  return { correlation: identity, shrinkage: 0 };
}

function isPositiveDefinite(matrix: number[][]): boolean {
  const size = matrix.length;
  if (size === 0) return true;
  const lower = tryDecomposeCholesky(matrix.flat(), size);
  return lower !== null && matrix.every((_, i) => lower[i * size + i] ** 2 >= EWMA_MIN_CHOLESKY_PIVOT);
}

function computeWeightedCovariance(
  returns: readonly (readonly number[])[],
  weights: readonly number[],
  factors: number,
  zeroMean: boolean,
): number[][] {
  const means = Array.from({ length: factors }, (_, i) =>
    zeroMean ? 0 : returns.reduce((sum, row, t) => sum + weights[t] * row[i], 0),
  );
  const covariance = Array.from({ length: factors }, () => new Array<number>(factors).fill(0));
  returns.forEach((row, t) => {
    for (let i = 0; i < factors; i += 1) {
      const di = weights[t] * (row[i] - means[i]);
      for (let j = i; j < factors; j += 1) covariance[i][j] += di * (row[j] - means[j]);
    }
  });
  for (let i = 0; i < factors; i += 1) for (let j = 0; j < i; j += 1) covariance[i][j] = covariance[j][i];
  return covariance;
}

function assertEwmaInputs(returns: readonly (readonly number[])[], options: EwmaCovarianceOptions): void {
  const { lambda, correlationClip, minObservations } = options;
  if (!(lambda > 0 && lambda <= 1)) throw new Error(`computeEwmaCovariance requires 0 < lambda <= 1, got ${lambda}`);
  if (!(correlationClip > 0 && correlationClip <= 1)) {
    throw new Error(`computeEwmaCovariance requires 0 < correlationClip <= 1, got ${correlationClip}`);
  }
  if (!Number.isInteger(minObservations) || minObservations < 0) {
    throw new Error(`computeEwmaCovariance requires minObservations to be a non-negative integer, got ${minObservations}`);
  }
  const width = returns.length === 0 ? 0 : returns[0].length;
  returns.forEach((row, t) => {
    if (row.length !== width) {
      throw new Error(`computeEwmaCovariance requires rows of equal length, row ${t} has ${row.length}, expected ${width}`);
    }
    row.forEach((value, i) => {
      if (!Number.isFinite(value)) {
        throw new Error(`computeEwmaCovariance requires finite returns, got ${value} at row ${t}, column ${i}`);
      }
    });
  });
}
