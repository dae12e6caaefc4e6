import { computeIncompleteBeta, computeIncompleteBetaPair } from "./incomplete-beta";

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

const pair = new Float64Array(2);

/**
 * {@link computeStudentTTwoSidedPValue} of every t statistic in `tStats[from, to)` with ν = `observations[i]` − 2 (the
 * degrees of freedom of an OLS slope with intercept) into `out[i]`, each equal to the lone call's to the last bit.
 * Two p-values at a time share one pass of their continued fractions, so a panel of fits pays about half.
 * @throws the lone call's errors (degrees of freedom ≤ 0, a NaN t statistic).
 * Complexity: O((to − from) · √ν).
 */
export function writeOlsSlopePValues(tStats: Float64Array, observations: Int32Array, out: Float64Array, from: number, to: number): void {
  let i = from;
  for (; i + 2 <= to; i += 2) {
    const t0 = tStats[i];
    const t1 = tStats[i + 1];
    const df0 = observations[i] - 2;
    const df1 = observations[i + 1] - 2;
    assertStudentTArguments("computeStudentTTwoSidedPValue", t0, df0);
    assertStudentTArguments("computeStudentTTwoSidedPValue", t1, df1);
    if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
      out[i] = computeTwoSidedTail(t0, df0);
      out[i + 1] = computeTwoSidedTail(t1, df1);
      continue;
    }
    const square0 = t0 * t0;
    const square1 = t1 * t1;
    const denominator0 = df0 + square0;
    const denominator1 = df1 + square1;
    computeIncompleteBetaPair(df0 / denominator0, df0 / 2, 0.5, square0 / denominator0, df1 / denominator1, df1 / 2, 0.5, square1 / denominator1, pair);
    out[i] = pair[0];
    out[i + 1] = pair[1];
  }
  for (; i < to; i++) out[i] = computeStudentTTwoSidedPValue(tStats[i], observations[i] - 2);
}
