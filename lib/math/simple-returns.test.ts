import { describe, expect, it } from "vitest";
import { computeSimpleReturns, writeSimpleReturnsAt } from "./simple-returns";
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

describe("writeSimpleReturnsAt", () => {
  it("gives computeSimpleReturns of the gathered prices, bit for bit, at the offset", () => {
    const { prices } = mathFixtures.simpleReturns;
    const indices = Int32Array.from(prices.keys()).filter((i) => i % 3 !== 1);
    const out = new Float64Array(indices.length + 1).fill(-7);
    writeSimpleReturnsAt(prices, indices, out, 2);
    const expected = computeSimpleReturns(Array.from(indices, (i) => prices[i]));
    expect(Array.from(out.subarray(0, 2))).toEqual([-7, -7]);
    expect(Array.from(out.subarray(2))).toEqual(Array.from(expected));
  });

  it("writes nothing for fewer than two indices", () => {
    const out = new Float64Array([9]);
    writeSimpleReturnsAt([1, 2], [1], out);
    writeSimpleReturnsAt([1, 2], [], out);
    expect(Array.from(out)).toEqual([9]);
  });
});
