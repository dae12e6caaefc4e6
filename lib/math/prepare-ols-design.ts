import { computeStudentTTwoSidedPValue } from "./student-t";
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

/** The y-only part of a univariate OLS fit: shared by every regressor fitted to the same y. */
export interface OlsResponse {
  n: number;
  mean: number;
  /** y − ȳ. */
  centered: Float64Array;
  /** SST = Σ (y − ȳ)². */
  sst: number;
}

/**
 * Precompute the y-only quantities of a univariate OLS fit (no guards: callers validate first).
 *
 * Formula: ȳ = Σy / n, y − ȳ, SST = Σ (y − ȳ)². Units: those of y (SST in y²).
 * @param y - the response; not mutated.
 * @param out - optional buffer of length n for y − ȳ (lets a caller reuse one scratch buffer).
 * @throws never (see {@link assertOlsResponse}).
 * @see https://en.wikipedia.org/wiki/Total_sum_of_squares
 * Complexity: O(n).
 */
export function prepareOlsResponse(y: ArrayLike<number>, out: Float64Array = new Float64Array(y.length)): OlsResponse {
  const n = y.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i];
  const mean = sum / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const deviation = y[i] - mean;
    out[i] = deviation;
    sst += deviation * deviation;
  }
  return { n, mean, centered: out, sst };
}

/**
 * Fit a prepared response on a prepared design of the same length (no guards: callers validate first).
 *
 * Formula: β = Σ d (y − ȳ) / Sxx, α = ȳ − β x̄, SSR = Σ ((y − ȳ) − β d)² (an explicit residual pass, not
 * SST − β Sxy, so near-perfect fits keep an accurate SE), R² = 1 − SSR/SST (0 when SST = 0), σ² = SSR/(n − 2),
 * SE = √(σ²/Sxx), t = β/SE, p = two-sided Student t with n − 2 df.
 * Units: β in y per x, α in y.
 * @throws never (see {@link assertOlsResponse}).
 * @see https://www.statsmodels.org/stable/generated/statsmodels.regression.linear_model.OLS.html
 * Complexity: O(n).
 */
export function fitOlsPrepared(design: OlsDesign, response: OlsResponse): OlsFit {
  const { n, centeredX, sxx } = design;
  const { centered, sst } = response;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += centeredX[i] * centered[i];
  const beta = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const residual = centered[i] - beta * centeredX[i];
    ssr += residual * residual;
  }
  const residualVariance = ssr / (n - 2);
  const standardError = Math.sqrt(residualVariance / sxx);
  const tStat = standardError > 0 ? beta / standardError : beta === 0 ? 0 : Math.sign(beta) * Infinity;
  return {
    beta,
    alpha: response.mean - beta * design.xMean,
    rSquared: sst === 0 ? 0 : 1 - ssr / sst,
    standardError,
    tStat,
    pValue: computeStudentTTwoSidedPValue(tStat, n - 2),
    n,
    residualVariance,
  };
}
