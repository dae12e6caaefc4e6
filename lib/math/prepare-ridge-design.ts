import { decomposeCholesky, solveCholesky } from "./cholesky";
import { hasZeroVariance } from "./has-zero-variance";

/** Result of a ridge fit y = intercept + Σ_j b_j z_j + ε on z-scored regressors. */
export interface RidgeFit {
  /** β_j = b_j / σ_j: coefficients in the units of the raw regressors (non-finite → 0; not capped). */
  coefficients: Float64Array;
  /** b_j: coefficients on the z-scored regressors. */
  standardizedCoefficients: Float64Array;
  /** Intercept of the standardized model, ȳ (D4 / §4.3). */
  intercept: number;
  /** Intercept in raw-regressor units, ȳ − Σ β_j μ_j. */
  rawIntercept: number;
  /** 1 − SSR/SST; 0 when SST = 0. */
  rSquared: number;
  n: number;
  alpha: number;
  /** Regressors with zero variance over the fit rows (σ_j was set to 1 and b_j is 0). */
  constantColumns: readonly boolean[];
}

/** The x-only part of a ridge fit, shared by every response regressed on the same X. */
export interface RidgeDesign {
  n: number;
  k: number;
  alpha: number;
  means: Float64Array;
  /** Population σ_j, or 1 for a constant column. */
  scales: Float64Array;
  constantColumns: readonly boolean[];
  /** Z column-major: Z[j·n + i] = (X_ij − μ_j) / σ_j. */
  z: Float64Array;
  /** Gram matrix ZᵀZ, row-major k×k (gives SSR in O(k²) per response). */
  gram: Float64Array;
  /** Cholesky factor of ZᵀZ + α I, row-major k×k. */
  lower: Float64Array;
}

/** Guards on alpha and X in the documented order; `n` is the expected number of rows. */
export function assertRidgeDesign(caller: string, xColumns: readonly ArrayLike<number>[], alpha: number, n: number): void {
  if (!(alpha > 0)) throw new Error(`${caller} requires alpha > 0, got ${alpha}`);
  if (!Number.isFinite(alpha)) throw new Error(`${caller} requires a finite alpha, got ${alpha}`);
  if (xColumns.length === 0) throw new Error(`${caller} requires at least one regressor column, got 0`);
  if (n === 0) throw new Error(`${caller} requires non-empty x columns, got length 0`);
  xColumns.forEach((column, j) => {
    if (column.length !== n) throw new Error(`${caller} requires every x column to have length ${n}, got ${column.length} in column ${j}`);
  });
  if (n <= xColumns.length) throw new Error(`${caller} requires n > k observations, got n = ${n} for k = ${xColumns.length}`);
  xColumns.forEach((column, j) => {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column[i])) throw new Error(`${caller} requires finite values, got ${column[i]} in x column ${j} at index ${i}`);
    }
  });
}

/** Guards on one response: length n and finite values. */
export function assertRidgeResponse(caller: string, n: number, y: ArrayLike<number>, label = "y"): void {
  if (y.length !== n) throw new Error(`${caller} requires ${label} to have length ${n}, got ${y.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new Error(`${caller} requires finite values, got ${y[i]} in ${label} at index ${i}`);
  }
}

/**
 * Standardize X and factor the ridge normal matrix once (no guards: callers validate first).
 *
 * Formula: μ_j = mean, σ_j = population standard deviation (÷ n; 1 when the column is constant),
 * Z_ij = (X_ij − μ_j)/σ_j, L Lᵀ = ZᵀZ + α I (α not scaled by n).
 * Units: Z is dimensionless.
 * @throws never for validated input (the matrix is positive definite because α > 0).
 * @see https://scikit-learn.org/stable/modules/linear_model.html#ridge-regression
 * Complexity: O(n k² + k³).
 */
export function prepareRidgeDesign(xColumns: readonly ArrayLike<number>[], alpha: number): RidgeDesign {
  const k = xColumns.length;
  const n = xColumns[0].length;
  const means = new Float64Array(k);
  const scales = new Float64Array(k);
  const z = new Float64Array(n * k);
  const constantColumns = xColumns.map((column) => hasZeroVariance(column));
  for (let j = 0; j < k; j++) {
    const column = xColumns[j];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += column[i];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (column[i] - mean) * (column[i] - mean);
    const scale = constantColumns[j] ? 1 : Math.sqrt(squares / n);
    means[j] = mean;
    scales[j] = scale;
    for (let i = 0; i < n; i++) z[j * n + i] = constantColumns[j] ? 0 : (column[i] - mean) / scale;
  }
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += z[a * n + i] * z[b * n + i];
      gram[a * k + b] = dot;
      gram[b * k + a] = dot;
    }
  }
  const normal = Float64Array.from(gram, (value, index) => (index % (k + 1) === 0 ? value + alpha : value));
  return { n, k, alpha, means, scales, constantColumns, z, gram, lower: decomposeCholesky(normal, k) };
}

/**
 * Fit one response on a prepared ridge design (no guards: callers validate first).
 *
 * Formula: y_c = y − ȳ, r = Zᵀ y_c, solve L Lᵀ b = r, SSR = Σ(y_c − Z b)² = y_cᵀy_c − 2 bᵀr + bᵀ(ZᵀZ)b (O(k²), no
 * residual pass; R²'s absolute error stays ≈ 1e−15), R² = 1 − SSR/SST (0 when SST = 0), β_j = b_j / σ_j
 * (non-finite → 0), intercept ȳ.
 * Units: β_j in y per unit of regressor j.
 * @throws never for validated input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Ridge.html
 * Complexity: O(n k + k²).
 */
export function fitRidgePrepared(design: RidgeDesign, y: ArrayLike<number>): RidgeFit {
  const { n, k, z, scales, gram } = design;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i];
  const yMean = sum / n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (y[i] - yMean) * (y[i] - yMean);
  const rhs = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let dot = 0;
    const offset = j * n;
    for (let i = 0; i < n; i++) dot += z[offset + i] * (y[i] - yMean);
    rhs[j] = dot;
  }
  const standardized = solveCholesky(design.lower, k, rhs);
  let explained = 0;
  for (let a = 0; a < k; a++) {
    let row = 0;
    for (let b = 0; b < k; b++) row += gram[a * k + b] * standardized[b];
    explained += standardized[a] * (row - 2 * rhs[a]);
  }
  const ssr = Math.max(sst + explained, 0);
  const coefficients = new Float64Array(k);
  let rawIntercept = yMean;
  for (let j = 0; j < k; j++) {
    const beta = standardized[j] / scales[j];
    coefficients[j] = Number.isFinite(beta) ? beta : 0;
    rawIntercept -= coefficients[j] * design.means[j];
  }
  return {
    coefficients,
    standardizedCoefficients: standardized,
    intercept: yMean,
    rawIntercept,
    rSquared: sst === 0 ? 0 : 1 - ssr / sst,
    n,
    alpha: design.alpha,
    constantColumns: design.constantColumns,
  };
}
