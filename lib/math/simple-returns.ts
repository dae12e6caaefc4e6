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
  const count = Math.max(prices.length - 1, 0);
  const returns = new Float64Array(count);
  for (let t = 0; t < count; t++) returns[t] = prices[t + 1] / prices[t] - 1;
  return returns;
}
