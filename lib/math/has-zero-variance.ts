/**
 * Zero-variance test (constant series).
 *
 * Definition: a series has zero variance when every value equals the first one exactly
 * (max = min). Exact equality is used instead of a σ threshold because the floating-point mean of a
 * constant series can differ from the constant by one ulp, which would give σ ≈ 1e−17 instead of 0.
 * Units: any. An empty series counts as having zero variance.
 *
 * @param values - the series; not mutated.
 * @returns true when all values are equal (or there are none).
 * @throws never.
 * @see https://en.wikipedia.org/wiki/Variance#Properties
 * Complexity: O(n) time, O(1) memory.
 */
export function hasZeroVariance(values: ArrayLike<number>): boolean {
  if (values.length === 0) return true;
  const first = values[0];
  for (let i = 1; i < values.length; i++) {
    if (values[i] !== first) return false;
  }
  return true;
}
