import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitOls } from "./fit-ols";
import { isClose, mathFixtures } from "./fixtures/load-math-fixtures";

const TOLERANCE = 1e-9;

describe("fitOls", () => {
  it.each(mathFixtures.ols)("$name matches the statsmodels-style NumPy/SciPy reference to 1e-9", ({ x, y, expected }) => {
    const fit = fitOls(x, y);
    for (const key of ["beta", "alpha", "rSquared", "standardError", "tStat", "residualVariance"] as const) {
      expect(isClose(fit[key], expected[key], TOLERANCE), `${key}: ${fit[key]} vs ${expected[key]}`).toBe(true);
    }
    expect(Math.abs(fit.pValue - expected.pValue)).toBeLessThanOrEqual(TOLERANCE * expected.pValue + 1e-300);
    expect(fit.n).toBe(expected.n);
  });

  it("leaves residuals orthogonal to [1, x]", () => {
    const { x, y } = mathFixtures.ols[0];
    const fit = fitOls(x, y);
    const residuals = y.map((value, i) => value - fit.alpha - fit.beta * x[i]);
    expect(Math.abs(residuals.reduce((sum, e) => sum + e, 0))).toBeLessThan(1e-14);
    expect(Math.abs(residuals.reduce((sum, e, i) => sum + e * x[i], 0))).toBeLessThan(1e-15);
  });

  it("scales β, α and SE with y and keeps t, p and R²", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 100, noNaN: true }), (scale) => {
        const { x, y } = mathFixtures.ols[1];
        const base = fitOls(x, y);
        const scaled = fitOls(x, y.map((value) => value * scale));
        expect(isClose(scaled.beta, base.beta * scale, 1e-12)).toBe(true);
        expect(isClose(scaled.standardError, base.standardError * scale, 1e-12)).toBe(true);
        expect(isClose(scaled.tStat, base.tStat, 1e-10)).toBe(true);
        expect(isClose(scaled.rSquared, base.rSquared, 1e-12)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("returns t = ±∞ and p = 0 for a perfect fit, and t = 0, p = 1, R² = 0 for a constant y", () => {
    const perfect = fitOls([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(perfect.beta).toBe(2);
    expect(perfect.standardError).toBe(0);
    expect(perfect.tStat).toBe(Infinity);
    expect(perfect.pValue).toBe(0);
    expect(fitOls([1, 2, 3, 4], [-3, -5, -7, -9]).tStat).toBe(-Infinity);
    const flat = fitOls([1, 2, 4], [7, 7, 7]);
    expect(flat).toMatchObject({ beta: 0, rSquared: 0, tStat: 0, pValue: 1 });
  });

  it("does not mutate its inputs", () => {
    const x = new Float64Array([1, 2, 4, 7]);
    const y = new Float64Array([2, 1, 5, 3]);
    fitOls(x, y);
    expect(Array.from(x)).toEqual([1, 2, 4, 7]);
    expect(Array.from(y)).toEqual([2, 1, 5, 3]);
  });

  it.each([
    [[], [], "fitOls requires non-empty x and y, got lengths 0 and 0"],
    [[1, 2, 3], [], "fitOls requires non-empty x and y, got lengths 3 and 0"],
    [[1, 2, 3, 4, 5], [1, 2, 3, 4], "fitOls requires x and y of equal length, got 5 and 4"],
    [[1, 2], [3, 4], "fitOls requires n > 2 observations, got 2"],
    [[1, 2, 3, Number.NaN], [1, 2, 3, 4], "fitOls requires finite values, got NaN in x at index 3"],
    [[1, 2, 3, 4], [1, Infinity, 3, 4], "fitOls requires finite values, got Infinity in y at index 1"],
    [[0.5, 0.5, 0.5], [1, 2, 3], "fitOls requires a regressor with non-zero variance, got constant x = 0.5"],
  ])("rejects x = %j, y = %j", (x, y, message) => {
    expect(() => fitOls(x, y)).toThrow(message);
  });
});
