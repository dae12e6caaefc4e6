import { decomposeCholesky, solveCholesky } from "./cholesky";
import { hasZeroVariance } from "./has-zero-variance";
import type { ResponsePanel } from "./prepare-response-panel";

/** Result of a ridge fit y = intercept + Σ_j b_j z_j + ε on z-scored regressors. */
export interface RidgeFit {
  /** β_j = b_j / σ_j: coefficients in the units of the raw regressors (non-finite → 0; not capped). */
  coefficients: Float64Array;
  /** b_j: coefficients on the z-scored regressors. */
  standardizedCoefficients: Float64Array;
  /** Intercept of the standardized model, ȳ (R13). */
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

/** Many ridge fits on one design stored column-wise: fit r's coefficients at [r·k, (r + 1)·k), its scalars at r. */
export interface RidgeFitColumns {
  count: number;
  k: number;
  n: number;
  alpha: number;
  constantColumns: readonly boolean[];
  coefficients: Float64Array;
  standardizedCoefficients: Float64Array;
  intercept: Float64Array;
  rawIntercept: Float64Array;
  rSquared: Float64Array;
}

export function createRidgeFitColumns(design: RidgeDesign, count: number): RidgeFitColumns {
  const { k, n, alpha, constantColumns } = design;
  return {
    count, k, n, alpha, constantColumns,
    coefficients: new Float64Array(count * k), standardizedCoefficients: new Float64Array(count * k),
    intercept: new Float64Array(count), rawIntercept: new Float64Array(count), rSquared: new Float64Array(count),
  };
}

/** Fit `row` of a column store as a {@link RidgeFit} object. */
export function readRidgeFit(columns: RidgeFitColumns, row: number): RidgeFit {
  const { k } = columns;
  return {
    coefficients: columns.coefficients.slice(row * k, (row + 1) * k),
    standardizedCoefficients: columns.standardizedCoefficients.slice(row * k, (row + 1) * k),
    intercept: columns.intercept[row],
    rawIntercept: columns.rawIntercept[row],
    rSquared: columns.rSquared[row],
    n: columns.n,
    alpha: columns.alpha,
    constantColumns: columns.constantColumns,
  };
}

/**
 * rhs[j…j+2] = three columns of Z (from `first`) dotted with one centred row: three independent running sums, each
 * adding the same products in the same order as a lone dot product, share each read of the row.
 */
function writeThreeDots(z: Float64Array, first: number, centered: Float64Array, offset: number, n: number, rhs: Float64Array, j: number): void {
  const second = first + n;
  const third = second + n;
  let dot0 = 0;
  let dot1 = 0;
  let dot2 = 0;
  for (let i = 0; i < n; i++) {
    const c = centered[offset + i];
    dot0 += z[first + i] * c;
    dot1 += z[second + i] * c;
    dot2 += z[third + i] * c;
  }
  rhs[j] = dot0;
  rhs[j + 1] = dot1;
  rhs[j + 2] = dot2;
}

/**
 * Fit every row of a prepared response panel on one prepared ridge design into `out` (no guards: callers validate
 * first). Every ridge fit of the project runs through here, one fit or thousands, so they agree to the last bit.
 *
 * Formula: r = Zᵀ y_c (three columns of Z and two rows per pass, each sum in order), solve L Lᵀ b = r, SSR = Σ(y_c − Z b)²
 * = y_cᵀy_c − 2 bᵀr + bᵀ(ZᵀZ)b (O(k²), no residual pass; R²'s absolute error stays ≈ 1e−15), R² = 1 − SSR/SST
 * (0 when SST = 0), β_j = b_j / σ_j (non-finite → 0), intercept ȳ.
 * Units: β_j in y per unit of regressor j.
 * @throws never for validated input (see {@link assertRidgeDesign}, {@link assertRidgeResponse}).
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Ridge.html
 * Complexity: O(rows · (n k + k²)).
 */
export function writeRidgePanelFits(design: RidgeDesign, responses: ResponsePanel, out: RidgeFitColumns): void {
  const { n, k, z } = design;
  const { centered } = responses;
  const rhs = new Float64Array(k);
  const nextRhs = new Float64Array(k);
  const standardized = new Float64Array(k);
  let row = 0;
  // Two rows at a time share each read of Z (six sums abreast); the rows left over go one by one.
  for (; row + 2 <= responses.rows && k % 3 === 0; row += 2) {
    for (let j = 0; j < k; j += 3) writeThreeDotsTwoRows(z, j * n, centered, row * n, n, rhs, nextRhs, j);
    finishRidgeRow(design, responses, row, rhs, standardized, out);
    finishRidgeRow(design, responses, row + 1, nextRhs, standardized, out);
  }
  for (; row < responses.rows; row++) {
    const offset = row * n;
    let j = 0;
    for (; j + 3 <= k; j += 3) writeThreeDots(z, j * n, centered, offset, n, rhs, j);
    for (; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += z[j * n + i] * centered[offset + i];
      rhs[j] = dot;
    }
    finishRidgeRow(design, responses, row, rhs, standardized, out);
  }
}

/** writeThreeDots for rows starting at `offset` and `offset + n` into rhs and nextRhs (each sum in order). */
function writeThreeDotsTwoRows(z: Float64Array, first: number, centered: Float64Array, offset: number, n: number, rhs: Float64Array, nextRhs: Float64Array, j: number): void {
  const second = first + n;
  const third = second + n;
  const next = offset + n;
  let dot0 = 0;
  let dot1 = 0;
  let dot2 = 0;
  let dot3 = 0;
  let dot4 = 0;
  let dot5 = 0;
  for (let i = 0; i < n; i++) {
    const z0 = z[first + i];
    const z1 = z[second + i];
    const z2 = z[third + i];
    const c = centered[offset + i];
    const e = centered[next + i];
    dot0 += z0 * c;
    dot1 += z1 * c;
    dot2 += z2 * c;
    dot3 += z0 * e;
    dot4 += z1 * e;
    dot5 += z2 * e;
  }
  rhs[j] = dot0;
  rhs[j + 1] = dot1;
  rhs[j + 2] = dot2;
  nextRhs[j] = dot3;
  nextRhs[j + 1] = dot4;
  nextRhs[j + 2] = dot5;
}

/** Solve, SSR, R² and the raw coefficients of one row from its Zᵀ y_c. */
function finishRidgeRow(design: RidgeDesign, responses: ResponsePanel, row: number, rhs: Float64Array, standardized: Float64Array, out: RidgeFitColumns): void {
  const { k, scales, gram } = design;
  solveCholesky(design.lower, k, rhs, standardized);
  let explained = 0;
  for (let a = 0; a < k; a++) {
    let product = 0;
    for (let b = 0; b < k; b++) product += gram[a * k + b] * standardized[b];
    explained += standardized[a] * (product - 2 * rhs[a]);
  }
  const sst = responses.ssts[row];
  const ssr = Math.max(sst + explained, 0);
  const yMean = responses.means[row];
  let rawIntercept = yMean;
  for (let c = 0; c < k; c++) {
    const beta = standardized[c] / scales[c];
    // σ_j is 1 for a constant column and positive otherwise, so β_j is finite for validated input; the guard only
    // keeps an underflowing σ_j (a column varying below 1e-162) from storing ±Infinity.
    /* v8 ignore next -- @preserve */
    const coefficient = Number.isFinite(beta) ? beta : 0;
    out.coefficients[row * k + c] = coefficient;
    out.standardizedCoefficients[row * k + c] = standardized[c];
    rawIntercept -= coefficient * design.means[c];
  }
  out.intercept[row] = yMean;
  out.rawIntercept[row] = rawIntercept;
  out.rSquared[row] = sst === 0 ? 0 : 1 - ssr / sst;
}
