import {
  assertOlsRegressor,
  assertOlsResponse,
  createOlsFitColumns,
  prepareOlsDesign,
  type OlsFitColumns,
} from "./prepare-ols-design";
import { writeOlsPanelFits } from "./write-ols-panel-fits";
import { prepareResponsePanel } from "./prepare-response-panel";

/**
 * Univariate OLS of every response of a panel on each of K regressors: y_r = α + β x_k + ε for all (r, k).
 *
 * The responses are R rows of one Float64Array (row r = responses[r·n, (r + 1)·n)), the form a batch of symbols with a
 * shared return window takes. Each regressor is centred once (x̄, d = x − x̄, Sxx) and each response once (ȳ, y − ȳ,
 * SST), then every pair runs the same arithmetic as {@link fitOls}, so fit (r, k) equals fitOls(x_k, y_r) bit for bit.
 * Formula per pair: as fitOls (β = Σ d (y − ȳ) / Sxx, explicit residual pass, Student t p-value with n − 2 df).
 * Units: β in response units per regressor unit.
 *
 * @param xs - K regressors of length n, each finite with non-zero variance; not mutated.
 * @param responses - R·n finite values; not mutated.
 * @returns fit columns with R·K cells, cell r·K + k.
 * @throws `fitOlsPanel requires at least one regressor, got 0`,
 *   `fitOlsPanel requires a response panel of whole rows of 90, got 181 values`, and per regressor the guards of
 *   fitOls (`fitOlsPanel requires n > 2 observations, got 2`, `… finite values, got NaN in x at index 3`,
 *   `… a regressor with non-zero variance, got constant x = 1`, `… every regressor of length 90, got 89 in xs[1]`)
 *   and per response `fitOlsPanel requires finite values, got NaN in row 4 at index 7`.
 * @see https://en.wikipedia.org/wiki/Simple_linear_regression
 * Complexity: O(R·K·n) time, O(n) scratch beside the R·K outputs.
 */
export function fitOlsPanel(xs: readonly ArrayLike<number>[], responses: Float64Array): OlsFitColumns {
  if (xs.length === 0) throw new Error("fitOlsPanel requires at least one regressor, got 0");
  const n = xs[0].length;
  xs.forEach((x, k) => {
    if (x.length !== n) throw new Error(`fitOlsPanel requires every regressor of length ${n}, got ${x.length} in xs[${k}]`);
    assertOlsRegressor("fitOlsPanel", x);
  });
  if (responses.length % n !== 0) {
    throw new Error(`fitOlsPanel requires a response panel of whole rows of ${n}, got ${responses.length} values`);
  }
  const rows = responses.length / n;
  for (let r = 0; r < rows; r++) assertOlsResponse("fitOlsPanel", n, responses.subarray(r * n, (r + 1) * n), `row ${r}`);
  const out = createOlsFitColumns(rows * xs.length);
  writeOlsPanelFits(xs.map((x) => prepareOlsDesign(x)), prepareResponsePanel(responses, n), out);
  return out;
}
