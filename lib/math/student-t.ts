import { computeIncompleteBeta } from "./incomplete-beta";

function assertStudentTArguments(name: string, t: number, degreesOfFreedom: number): void {
  if (!(degreesOfFreedom > 0) || !Number.isFinite(degreesOfFreedom)) {
    throw new Error(`${name} requires degrees of freedom > 0, got ${degreesOfFreedom}`);
  }
  if (Number.isNaN(t)) throw new Error(`${name} requires a t statistic that is not NaN, got NaN`);
}

/** P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½), with the complement t²/(ν+t²) formed without cancellation. */
function computeTwoSidedTail(t: number, degreesOfFreedom: number): number {
  if (!Number.isFinite(t)) return 0;
  const tSquared = t * t;
  const denominator = degreesOfFreedom + tSquared;
  return computeIncompleteBeta(degreesOfFreedom / denominator, degreesOfFreedom / 2, 0.5, tSquared / denominator);
}

/**
 * Cumulative distribution function of Student's t distribution.
 *
 * Formula: F(t; ν) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 and ½ I_{ν/(ν+t²)}(ν/2, ½) for t < 0, where I is the
 * regularized incomplete beta function (continued fraction, Lentz). Relative accuracy ≤ 1e−12 against SciPy.
 * Units: t is dimensionless; the result is a probability in [0, 1].
 *
 * @param t - the t statistic (±Infinity allowed).
 * @param degreesOfFreedom - ν > 0 (need not be an integer).
 * @throws `computeStudentTCdf requires degrees of freedom > 0, got 0` and
 *   `computeStudentTCdf requires a t statistic that is not NaN, got NaN`.
 * @see https://en.wikipedia.org/wiki/Student%27s_t-distribution#Cumulative_distribution_function
 * Complexity: O(√ν) continued-fraction terms.
 */
export function computeStudentTCdf(t: number, degreesOfFreedom: number): number {
  assertStudentTArguments("computeStudentTCdf", t, degreesOfFreedom);
  const halfTail = computeTwoSidedTail(t, degreesOfFreedom) / 2;
  return t >= 0 ? 1 - halfTail : halfTail;
}

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) for T ~ Student t with ν degrees of freedom.
 *
 * Formula: p = I_{ν/(ν+t²)}(ν/2, ½) (equals 2·(1 − F(|t|; ν)) without its cancellation for small p).
 * Units: probability in [0, 1]; p = 0 for |t| = ∞ and p = 1 for t = 0.
 *
 * @param t - the t statistic (±Infinity allowed).
 * @param degreesOfFreedom - ν > 0; for an OLS slope with intercept ν = n − 2.
 * @throws `computeStudentTTwoSidedPValue requires degrees of freedom > 0, got 0` and
 *   `computeStudentTTwoSidedPValue requires a t statistic that is not NaN, got NaN`.
 * @see https://en.wikipedia.org/wiki/Student%27s_t-test#Calculations
 * Complexity: O(√ν) continued-fraction terms.
 */
export function computeStudentTTwoSidedPValue(t: number, degreesOfFreedom: number): number {
  assertStudentTArguments("computeStudentTTwoSidedPValue", t, degreesOfFreedom);
  return computeTwoSidedTail(t, degreesOfFreedom);
}
