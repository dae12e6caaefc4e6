import {
  assertOlsRegressor,
  assertOlsResponse,
  fitOlsPrepared,
  prepareOlsDesign,
  prepareOlsResponse,
  type OlsFit,
} from "./prepare-ols-design";

/**
 * Univariate OLS with intercept of many responses on one shared regressor (one design, m fits).
 *
 * Formula: as {@link fitOls} for each y_j; x̄, x − x̄ and Sxx are computed once. Each result is bitwise
 * identical to `fitOls(x, ys[j])` because both run the same prepared-design code.
 * Units: as {@link fitOls}.
 *
 * @param x - shared regressor, n finite values with non-zero variance; not mutated.
 * @param ys - m responses, each of length n and finite; not mutated. May be empty.
 * @returns m fits in the order of `ys`.
 * @throws `fitOlsBatch requires n > 2 observations, got 2`,
 *   `fitOlsBatch requires finite values, got NaN in x at index 3`,
 *   `fitOlsBatch requires a regressor with non-zero variance, got constant x = 0.5`,
 *   `fitOlsBatch requires x and ys[1] of equal length, got 5 and 4`,
 *   `fitOlsBatch requires finite values, got NaN in ys[1] at index 3`.
 * @see https://en.wikipedia.org/wiki/Simple_linear_regression
 * Complexity: O(n) once plus O(n) per response: O(n·m).
 */
export function fitOlsBatch(x: ArrayLike<number>, ys: readonly ArrayLike<number>[]): OlsFit[] {
  assertOlsRegressor("fitOlsBatch", x);
  ys.forEach((y, index) => assertOlsResponse("fitOlsBatch", x.length, y, `ys[${index}]`));
  const design = prepareOlsDesign(x);
  return ys.map((y) => fitOlsPrepared(design, prepareOlsResponse(y)));
}
