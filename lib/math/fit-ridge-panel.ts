import {
  assertRidgeDesign,
  assertRidgeResponse,
  createRidgeFitColumns,
  prepareRidgeDesign,
  writeRidgePanelFits,
  type RidgeFitColumns,
} from "./prepare-ridge-design";
import { prepareResponsePanel } from "./prepare-response-panel";

/**
 * Ridge regression of every response of a panel on one shared X: one standardisation and one Cholesky factorisation
 * of ZᵀZ + α I, then Zᵀ y_c and a k×k solve per response.
 *
 * The responses are R rows of one Float64Array (row r = responses[r·n, (r + 1)·n)), the form a batch of symbols with a
 * shared return window takes. Each row runs the same arithmetic as {@link fitRidge}, so row r equals fitRidge(X, y_r, α)
 * bit for bit. Formula: as fitRidge (z-scored X with population σ, (ZᵀZ + α I) b = Zᵀ y_c, β_j = b_j / σ_j).
 * Units: β_j in response units per unit of regressor j.
 *
 * @param xColumns - k regressor columns of length n; not mutated.
 * @param responses - R·n finite values; not mutated.
 * @param alpha - penalty α > 0 (default 1).
 * @returns fit columns with R rows.
 * @throws the guards of fitRidge with `fitRidgePanel` as the caller (alpha, empty or ragged X, n ≤ k, non-finite X),
 *   `fitRidgePanel requires a response panel of whole rows of 90, got 181 values` and
 *   `fitRidgePanel requires finite values, got NaN in row 4 at index 7`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Ridge.html
 * Complexity: O(n k² + k³) once, then O(R (n k + k²)).
 */
export function fitRidgePanel(xColumns: readonly ArrayLike<number>[], responses: Float64Array, alpha = 1): RidgeFitColumns {
  const n = xColumns.length > 0 ? xColumns[0].length : 0;
  assertRidgeDesign("fitRidgePanel", xColumns, alpha, n);
  if (responses.length % n !== 0) {
    throw new Error(`fitRidgePanel requires a response panel of whole rows of ${n}, got ${responses.length} values`);
  }
  const rows = responses.length / n;
  for (let r = 0; r < rows; r++) assertRidgeResponse("fitRidgePanel", n, responses.subarray(r * n, (r + 1) * n), `row ${r}`);
  const design = prepareRidgeDesign(xColumns, alpha);
  const out = createRidgeFitColumns(design, rows);
  writeRidgePanelFits(design, prepareResponsePanel(responses, n), out);
  return out;
}
