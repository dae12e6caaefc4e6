import {
  assertRidgeDesign,
  assertRidgeResponse,
  createRidgeFitColumns,
  prepareRidgeDesign,
  readRidgeFit,
  writeRidgePanelFits,
  type RidgeFit,
} from "./prepare-ridge-design";
import { prepareResponsePanel } from "./prepare-response-panel";

export type { RidgeFit } from "./prepare-ridge-design";

/**
 * Ridge regression with intercept on z-scored regressors (R13; matches scikit-learn
 * `Ridge(alpha, fit_intercept=True)` on StandardScaler-transformed X).
 *
 * Formula: Z = (X − μ)/σ with population σ (σ := 1 for a constant column), y_c = y − ȳ,
 * (ZᵀZ + α I) b = Zᵀ y_c solved by Cholesky (α not scaled by n), intercept ȳ,
 * R² = 1 − SSR/SST (0 when SST = 0), β_j = b_j / σ_j (non-finite → 0). No cap is applied here.
 * Units: X and y in any units (daily decimal returns here); β_j in y per unit of regressor j.
 *
 * @param xColumns - k regressor columns, each of length n; not mutated.
 * @param y - n responses; not mutated.
 * @param alpha - penalty α > 0 (default 1).
 * @throws `fitRidge requires alpha > 0, got -1`, `fitRidge requires a finite alpha, got Infinity`,
 *   `fitRidge requires at least one regressor column, got 0`, `fitRidge requires non-empty y, got length 0`,
 *   `fitRidge requires every x column to have length 90, got 89 in column 2`,
 *   `fitRidge requires n > k observations, got n = 6 for k = 6`,
 *   `fitRidge requires finite values, got NaN in x column 2 at index 5` (or `in y at index 3`).
 * @see https://en.wikipedia.org/wiki/Ridge_regression
 * Complexity: O(n k² + k³) time, O(n k) memory.
 */
export function fitRidge(xColumns: readonly ArrayLike<number>[], y: ArrayLike<number>, alpha = 1): RidgeFit {
  if (alpha > 0 && xColumns.length > 0 && y.length === 0) throw new Error("fitRidge requires non-empty y, got length 0");
  assertRidgeDesign("fitRidge", xColumns, alpha, y.length);
  assertRidgeResponse("fitRidge", y.length, y);
  const design = prepareRidgeDesign(xColumns, alpha);
  const out = createRidgeFitColumns(design, 1);
  writeRidgePanelFits(design, prepareResponsePanel(Float64Array.from(y), y.length), out);
  return readRidgeFit(out, 0);
}
