import { describe, expect, it } from "vitest";
import { computeStudentTCdf, computeStudentTTwoSidedPValue } from "./student-t";
import { mathFixtures } from "./fixtures/load-math-fixtures";

const relativeError = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe("Student t", () => {
  it.each(mathFixtures.studentT)("t = $t, ν = $df matches mpmath and scipy.stats.t to 1e-12 relative", (row) => {
    const cdf = computeStudentTCdf(row.t, row.df);
    const pValue = computeStudentTTwoSidedPValue(row.t, row.df);
    expect(relativeError(cdf, row.cdf)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(pValue, row.pValue)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(cdf, row.scipyCdf)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(pValue, row.scipyPValue)).toBeLessThanOrEqual(1e-12);
  });

  it("handles infinite t", () => {
    expect(computeStudentTCdf(Infinity, 5)).toBe(1);
    expect(computeStudentTCdf(-Infinity, 5)).toBe(0);
    expect(computeStudentTTwoSidedPValue(-Infinity, 5)).toBe(0);
    expect(computeStudentTTwoSidedPValue(0, 5)).toBe(1);
  });

  it("is symmetric: F(−t) = 1 − F(t)", () => {
    expect(computeStudentTCdf(-1.3, 7) + computeStudentTCdf(1.3, 7)).toBeCloseTo(1, 15);
  });

  it.each([
    [computeStudentTCdf, "computeStudentTCdf"],
    [computeStudentTTwoSidedPValue, "computeStudentTTwoSidedPValue"],
  ] as const)("%s guards its arguments", (fn, name) => {
    expect(() => fn(1, 0)).toThrow(`${name} requires degrees of freedom > 0, got 0`);
    expect(() => fn(1, Infinity)).toThrow(`${name} requires degrees of freedom > 0, got Infinity`);
    expect(() => fn(Number.NaN, 3)).toThrow(`${name} requires a t statistic that is not NaN, got NaN`);
  });
});
