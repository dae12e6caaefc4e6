/**
 * Simple returns of a price series.
 *
 * Formula: r_t = P_t / P_{t−1} − 1 for t = 1 … n−1 (decimal returns, 0.01 = 1 %, not annualised).
 * Units: prices in any currency unit; returns are unitless decimals.
 *
 * @param prices - n prices in chronological order, each finite and > 0; not mutated.
 * @returns n − 1 returns (empty for fewer than two prices).
 * @throws `computeSimpleReturns requires finite prices > 0, got 0 at index 3` when a price is non-finite or ≤ 0.
 * @see https://en.wikipedia.org/wiki/Rate_of_return#Return
 * Complexity: O(n) time, O(n) memory.
 */
export function computeSimpleReturns(prices: ArrayLike<number>): Float64Array {
  for (let i = 0; i < prices.length; i++) {
    const price = prices[i];
    if (!(price > 0) || !Number.isFinite(price)) {
      throw new Error(`computeSimpleReturns requires finite prices > 0, got ${price} at index ${i}`);
    }
  }
  const returns = new Float64Array(Math.max(prices.length - 1, 0));
  for (let t = 0; t < returns.length; t++) returns[t] = prices[t + 1] / prices[t] - 1;
  return returns;
}

/**
 * Simple returns of the prices at `indices` (a window gathered from a longer series), written into `out` from
 * `offset`: out[offset + t] = P[i_{t+1}] / P[i_t] − 1 for t = 0 … k−2, the formula of computeSimpleReturns with the
 * same divisions in the same order. The hot paths of the factor regressions use it on panels of prices without
 * copying them; they check the prices themselves (a missing price is NaN or 0 there, not an error).
 *
 * @param prices - the full series; only the entries at `indices` are read.
 * @param indices - k ascending positions into `prices`.
 * @param out - receives k − 1 returns (nothing for k < 2); must have room from `offset`.
 * Complexity: O(k) time, no allocation.
 */
export function writeSimpleReturnsAt(prices: ArrayLike<number>, indices: ArrayLike<number>, out: Float64Array, offset = 0): void {
  for (let t = 0; t + 1 < indices.length; t++) out[offset + t] = prices[indices[t + 1]] / prices[indices[t]] - 1;
}
