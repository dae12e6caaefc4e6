import { describe, expect, it } from "vitest";
import { computeLogBeta } from "./log-beta";
import { computeLogGamma } from "./log-gamma";
import { isClose, mathFixtures } from "./fixtures/load-math-fixtures";

describe("computeLogBeta", () => {
  it.each(mathFixtures.logBeta)("ln B($a, $b) matches mpmath to 1e-14 and scipy.special.betaln to 1e-12", ({ a, b, value, scipy }) => {
    expect(isClose(computeLogBeta(a, b), value, 1e-14)).toBe(true);
    expect(isClose(computeLogBeta(a, b), scipy, 1e-12)).toBe(true);
    expect(computeLogBeta(b, a)).toBe(computeLogBeta(a, b));
  });

  it("agrees with the direct ln Γ sum for small arguments", () => {
    expect(computeLogBeta(2, 3)).toBeCloseTo(computeLogGamma(2) + computeLogGamma(3) - computeLogGamma(5), 14);
  });

  it.each([
    [0, 1],
    [1, -1],
    [Number.NaN, 1],
    [1, Infinity],
  ])("rejects a = %s, b = %s", (a, b) => {
    expect(() => computeLogBeta(a, b)).toThrow(`computeLogBeta requires a > 0 and b > 0, got a = ${a}, b = ${b}`);
  });
});
