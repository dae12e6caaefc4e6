import { hasZeroVariance } from "./has-zero-variance";

/** Result of a univariate OLS fit y = α + β x + ε. */
export interface OlsFit {
  /** Slope β (units of y per unit of x). */
  beta: number;
  /** Intercept α (units of y). */
  alpha: number;
  /** 1 − SSR/SST; 0 when SST = 0. */
  rSquared: number;
  /** SE(β) = √(σ² / Sxx). */
  standardError: number;
  /** β / SE(β); ±Infinity for a perfect fit with β ≠ 0, 0 when β = SE = 0. */
  tStat: number;
  /** Two-sided p-value of tStat, Student t with n − 2 degrees of freedom. */
  pValue: number;
  n: number;
  /** σ² = SSR / (n − 2). */
  residualVariance: number;
}

/** The part of a univariate OLS fit that depends on x only: shared by every y regressed on the same x. */
export interface OlsDesign {
  n: number;
  xMean: number;
  /** x − x̄. */
  centeredX: Float64Array;
  /** Sxx = Σ (x − x̄)². */
  sxx: number;
}

/** Guards on the regressor, in the documented order: empty, n ≤ 2, non-finite, zero variance. */
export function assertOlsRegressor(caller: string, x: ArrayLike<number>): void {
  if (x.length <= 2) throw new Error(`${caller} requires n > 2 observations, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`${caller} requires finite values, got ${x[i]} in x at index ${i}`);
  }
  if (hasZeroVariance(x)) throw new Error(`${caller} requires a regressor with non-zero variance, got constant x = ${x[0]}`);
}

/** Guards on one response: its length matches x and every value is finite. */
export function assertOlsResponse(caller: string, n: number, y: ArrayLike<number>, label = "y"): void {
  if (y.length !== n) throw new Error(`${caller} requires x and ${label} of equal length, got ${n} and ${y.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new Error(`${caller} requires finite values, got ${y[i]} in ${label} at index ${i}`);
  }
}

/**
 * Precompute the x-only quantities of a univariate OLS fit (no guards: callers validate first).
 *
 * Formula: x̄ = Σx / n, d = x − x̄, Sxx = Σ d². Units: those of x (Sxx in x²).
 * @throws never (see {@link assertOlsRegressor}).
 * @see https://en.wikipedia.org/wiki/Simple_linear_regression#Fitting_the_regression_line
 * Complexity: O(n).
 */
export function prepareOlsDesign(x: ArrayLike<number>): OlsDesign {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const xMean = sum / n;
  const centeredX = new Float64Array(n);
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const deviation = x[i] - xMean;
    centeredX[i] = deviation;
    sxx += deviation * deviation;
  }
  return { n, xMean, centeredX, sxx };
}

/** Many OLS fits stored column-wise: fit c of every statistic at index c (no object per fit). */
export interface OlsFitColumns {
  count: number;
  beta: Float64Array;
  alpha: Float64Array;
  rSquared: Float64Array;
  standardError: Float64Array;
  tStat: Float64Array;
  pValue: Float64Array;
  residualVariance: Float64Array;
  n: Int32Array;
}

export function createOlsFitColumns(count: number): OlsFitColumns {
  const column = () => new Float64Array(count);
  return {
    count, beta: column(), alpha: column(), rSquared: column(), standardError: column(), tStat: column(), pValue: column(),
    residualVariance: column(), n: new Int32Array(count),
  };
}

/** Fit `cell` of a column store as an {@link OlsFit} object. */
export function readOlsFit(columns: OlsFitColumns, cell: number): OlsFit {
  return {
    beta: columns.beta[cell],
    alpha: columns.alpha[cell],
    rSquared: columns.rSquared[cell],
    standardError: columns.standardError[cell],
    tStat: columns.tStat[cell],
    pValue: columns.pValue[cell],
    n: columns.n[cell],
    residualVariance: columns.residualVariance[cell],
  };
}
