import { assertRidgeDesign, assertRidgeResponse, fitRidgePrepared, prepareRidgeDesign, type RidgeFit } from "./prepare-ridge-design";

/**
 * Ridge regression of many responses on one shared X: Z, σ and the Cholesky factor of ZᵀZ + α I are
 * computed once; each response costs one Zᵀ y_c, two triangular solves and one residual pass.
 *
 * Formula: as {@link fitRidge} for each y_j. Each result is bitwise identical to `fitRidge(xColumns, ys[j], alpha)`
 * because both run the same prepared-design code.
 * Units: as {@link fitRidge}.
 *
 * @param xColumns - k shared regressor columns of length n; not mutated.
 * @param ys - m responses of length n; not mutated. May be empty.
 * @param alpha - penalty α > 0 (default 1).
 * @returns m fits in the order of `ys`.
 * @throws `fitRidgeBatch requires alpha > 0, got -1`, `fitRidgeBatch requires a finite alpha, got Infinity`,
 *   `fitRidgeBatch requires at least one regressor column, got 0`,
 *   `fitRidgeBatch requires non-empty x columns, got length 0`,
 *   `fitRidgeBatch requires every x column to have length 90, got 89 in column 2`,
 *   `fitRidgeBatch requires n > k observations, got n = 6 for k = 6`,
 *   `fitRidgeBatch requires finite values, got NaN in x column 2 at index 5`,
 *   `fitRidgeBatch requires ys[1] to have length 90, got 89`,
 *   `fitRidgeBatch requires finite values, got NaN in ys[1] at index 3`.
 * @see https://en.wikipedia.org/wiki/Ridge_regression
 * Complexity: O(n k² + k³) once plus O(n k + k²) per response.
 */
export function fitRidgeBatch(xColumns: readonly ArrayLike<number>[], ys: readonly ArrayLike<number>[], alpha = 1): RidgeFit[] {
  const n = xColumns.length > 0 ? xColumns[0].length : 0;
  assertRidgeDesign("fitRidgeBatch", xColumns, alpha, n);
  ys.forEach((y, index) => assertRidgeResponse("fitRidgeBatch", n, y, `ys[${index}]`));
  const design = prepareRidgeDesign(xColumns, alpha);
  return ys.map((y) => fitRidgePrepared(design, y));
}
