import { describe, expect, it } from "vitest";
import { computeLogGamma } from "./log-gamma";
import { isClose, mathFixtures } from "./fixtures/load-math-fixtures";

describe("computeLogGamma", () => {
  it.each(mathFixtures.logGamma)("matches scipy.special.gammaln($z) to 1e-13", ({ z, value }) => {
    expect(isClose(computeLogGamma(z), value, 1e-13)).toBe(true);
  });

  it("satisfies Γ(z+1) = z Γ(z)", () => {
    for (const z of [0.3, 1.7, 12.25]) expect(computeLogGamma(z + 1) - computeLogGamma(z)).toBeCloseTo(Math.log(z), 13);
  });

  it.each([0, -1, Number.NaN, Infinity])("rejects z = %s", (z) => {
    expect(() => computeLogGamma(z)).toThrow(`computeLogGamma requires a finite z > 0, got ${z}`);
  });
});
