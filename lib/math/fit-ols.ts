import {
  assertOlsRegressor,
  assertOlsResponse,
  createOlsFitColumns,
  prepareOlsDesign,
  readOlsFit,
  type OlsFit,
} from "./prepare-ols-design";
import { writeOlsPanelFits } from "./write-ols-panel-fits";
import { prepareResponsePanel } from "./prepare-response-panel";

export type { OlsFit } from "./prepare-ols-design";

/**
 * Univariate ordinary least squares with intercept: y = α + β x + ε.
 *
 * Formula: β = Sxy / Sxx, α = ȳ − β x̄, R² = 1 − SSR/SST (0 when SST = 0), σ² = SSR/(n − 2),
 * SE(β) = √(σ²/Sxx), t = β / SE(β), p = two-sided Student t with n − 2 degrees of freedom (as statsmodels OLS).
 * Units: x and y in any units (daily decimal returns here); β in y per x.
 *
 * @param x - regressor, n finite values with non-zero variance; not mutated.
 * @param y - response, n finite values; not mutated.
 * @throws `fitOls requires non-empty x and y, got lengths 0 and 0`,
 *   `fitOls requires x and y of equal length, got 5 and 4`,
 *   `fitOls requires n > 2 observations, got 2`,
 *   `fitOls requires finite values, got NaN in x at index 3` (or `in y`),
 *   `fitOls requires a regressor with non-zero variance, got constant x = 0.5`.
 * @see https://en.wikipedia.org/wiki/Simple_linear_regression
 * Complexity: O(n) time, O(n) memory.
 */
export function fitOls(x: ArrayLike<number>, y: ArrayLike<number>): OlsFit {
  if (x.length === 0 || y.length === 0) {
    throw new Error(`fitOls requires non-empty x and y, got lengths ${x.length} and ${y.length}`);
  }
  if (x.length !== y.length) throw new Error(`fitOls requires x and y of equal length, got ${x.length} and ${y.length}`);
  assertOlsRegressor("fitOls", x);
  assertOlsResponse("fitOls", x.length, y);
  const out = createOlsFitColumns(1);
  writeOlsPanelFits([prepareOlsDesign(x)], prepareResponsePanel(Float64Array.from(y), y.length), out);
  return readOlsFit(out, 0);
}
