import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { computeConditionalExpectation } from "./conditional-expectation";

const SIGMA = [
  [4, 2, 1],
  [2, 9, 3],
  [1, 3, 16],
];

describe("computeConditionalExpectation", () => {
  it("reduces to beta = cov / var for a single shocked factor", () => {
    // r_1 = (2/4)·(−0.1) = −0.05; r_2 = (1/4)·(−0.1) = −0.025.
    const result = computeConditionalExpectation(SIGMA, [0], [-0.1]);
    expect(result[0]).toBe(-0.1);
    expect(result[1]).toBeCloseTo(-0.05, 15);
    expect(result[2]).toBeCloseTo(-0.025, 15);
  });

  it("solves two shocked factors by hand", () => {
    // Σ_SS = [[4,2],[2,9]], Σ_SS⁻¹ = [[9,−2],[−2,4]]/32, x = Σ_SS⁻¹(0.1, −0.2) = (1.3, −1)/32,
    // r_2 = 1·1.3/32 + 3·(−1/32) = −1.7/32 = −0.053125.
    const result = computeConditionalExpectation(SIGMA, [0, 1], [0.1, -0.2]);
    expect(result[0]).toBe(0.1);
    expect(result[1]).toBe(-0.2);
    expect(result[2]).toBeCloseTo(-0.053125, 15);
  });

  it("accepts shocked indices in any order", () => {
    const forward = computeConditionalExpectation(SIGMA, [0, 2], [0.1, 0.05]);
    const reversed = computeConditionalExpectation(SIGMA, [2, 0], [0.05, 0.1]);
    forward.forEach((value, i) => expect(reversed[i]).toBeCloseTo(value, 15));
  });

  it("returns zeros when nothing is shocked and leaves its inputs alone", () => {
    const sigma = structuredClone(SIGMA);
    const shocks = [0.3];
    expect(computeConditionalExpectation(sigma, [], [])).toEqual([0, 0, 0]);
    computeConditionalExpectation(sigma, [1], shocks);
    expect(sigma).toEqual(SIGMA);
    expect(shocks).toEqual([0.3]);
  });

  it("is linear in the shocks and keeps them exactly", () => {
    const shock = fc.double({ min: -0.5, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(shock, shock, fc.double({ min: -3, max: 3, noNaN: true }), (a, b, scale) => {
        const base = computeConditionalExpectation(SIGMA, [0, 2], [a, b]);
        const scaled = computeConditionalExpectation(SIGMA, [0, 2], [a * scale, b * scale]);
        expect(base[0]).toBe(a);
        expect(base[2]).toBe(b);
        expect(scaled[1]).toBeCloseTo(base[1] * scale, 12);
      }),
    );
  });

  it("returns the empty vector for an empty covariance", () => {
    expect(computeConditionalExpectation([], [], [])).toEqual([]);
  });
});

describe("computeConditionalExpectation guards", () => {
  it.each([
    [[[1, 0], [0]], [0], [0.1], "computeConditionalExpectation requires a square covariance, row 1 has 1 of 2"],
    [[[1, 0.5], [0.4, 1]], [0], [0.1], "computeConditionalExpectation requires a finite symmetric covariance, mismatch at (0, 1)"],
    [[[Number.NaN]], [0], [0.1], "computeConditionalExpectation requires a finite symmetric covariance, mismatch at (0, 0)"],
    [SIGMA, [0, 1], [0.1], "computeConditionalExpectation requires one shock per index, got 1 shocks for 2 indices"],
    [SIGMA, [3], [0.1], "computeConditionalExpectation requires distinct indices in [0, 3), got 3"],
    [SIGMA, [1, 1], [0.1, 0.1], "computeConditionalExpectation requires distinct indices in [0, 3), got 1"],
    [SIGMA, [0.5], [0.1], "computeConditionalExpectation requires distinct indices in [0, 3), got 0.5"],
    [SIGMA, [0], [Number.POSITIVE_INFINITY], "computeConditionalExpectation requires finite shocks, got Infinity"],
  ])("rejects bad input %#", (sigma, indices, shocks, message) => {
    expect(() => computeConditionalExpectation(sigma, indices, shocks)).toThrow(message);
  });

  it("rejects a singular shocked block (zero variance, perfect collinearity)", () => {
    expect(() => computeConditionalExpectation([[0, 0], [0, 1]], [0], [0.1])).toThrow(
      "computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [0]",
    );
    const nearlyOne = 1 - 1e-14;
    expect(() => computeConditionalExpectation([[1, nearlyOne], [nearlyOne, 1]], [0, 1], [0.1, 0.1])).toThrow(
      "computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [0, 1]",
    );
    expect(() => computeConditionalExpectation([[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]], [0, 1], [0.1, 0.1])).toThrow(
      "computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [0, 1]",
    );
  });
});
