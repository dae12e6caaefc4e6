import { describe, expect, it } from "vitest";
import { computeStudentTCdf, computeStudentTTwoSidedPValue, writeOlsSlopePValues } from "./student-t";
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

  it("writes a panel's p-values two at a time, each bitwise the lone call's (infinite and zero t, mixed ν, odd count)", () => {
    const tStats = Float64Array.from([2.5, -31.7, 0, Infinity, 0.4, -Infinity, 1e-9, 12.25, -3.3, 150, 0.05]);
    const observations = Int32Array.from([90, 90, 180, 90, 5, 90, 90, 180, 180, 90, 90]);
    const out = new Float64Array(tStats.length).fill(-1);
    writeOlsSlopePValues(tStats, observations, out, 1, tStats.length);
    expect(out[0]).toBe(-1);
    for (let i = 1; i < tStats.length; i++) expect(Object.is(out[i], computeStudentTTwoSidedPValue(tStats[i], observations[i] - 2)), `cell ${i}`).toBe(true);
  });

  it("rejects what the lone call rejects in a panel", () => {
    const out = new Float64Array(2);
    expect(() => writeOlsSlopePValues(Float64Array.from([1, Number.NaN]), Int32Array.from([90, 90]), out, 0, 2)).toThrow(
      "computeStudentTTwoSidedPValue requires a t statistic that is not NaN, got NaN",
    );
    expect(() => writeOlsSlopePValues(Float64Array.from([1, 1]), Int32Array.from([90, 2]), out, 0, 2)).toThrow(
      "computeStudentTTwoSidedPValue requires degrees of freedom > 0, got 0",
    );
  });
});
