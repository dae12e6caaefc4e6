import { describe, expect, it } from "vitest";
import { computeSimpleReturns } from "./simple-returns";
import { mathFixtures } from "./fixtures/load-math-fixtures";

describe("computeSimpleReturns", () => {
  it("matches NumPy P[1:]/P[:-1] − 1 to 1e-15", () => {
    const { prices, returns } = mathFixtures.simpleReturns;
    const actual = computeSimpleReturns(prices);
    expect(actual).toHaveLength(returns.length);
    returns.forEach((expected, t) => expect(Math.abs(actual[t] - expected)).toBeLessThanOrEqual(1e-15));
  });

  it("returns an empty series for fewer than two prices", () => {
    expect(computeSimpleReturns([])).toHaveLength(0);
    expect(computeSimpleReturns([5])).toHaveLength(0);
  });

  it("does not mutate its input", () => {
    const prices = new Float64Array([1, 2, 3]);
    computeSimpleReturns(prices);
    expect(Array.from(prices)).toEqual([1, 2, 3]);
  });

  it.each([
    [[1, 0, 2], "computeSimpleReturns requires finite prices > 0, got 0 at index 1"],
    [[1, 2, -3], "computeSimpleReturns requires finite prices > 0, got -3 at index 2"],
    [[Number.NaN, 2], "computeSimpleReturns requires finite prices > 0, got NaN at index 0"],
    [[1, Infinity], "computeSimpleReturns requires finite prices > 0, got Infinity at index 1"],
  ])("rejects %j", (prices, message) => {
    expect(() => computeSimpleReturns(prices)).toThrow(message);
  });
});
