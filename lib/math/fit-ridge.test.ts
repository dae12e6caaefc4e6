import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitRidge } from "./fit-ridge";
import { isClose, mathFixtures, type RidgeFixture } from "./fixtures/load-math-fixtures";

const TOLERANCE = 1e-9;
const byName = (name: string): RidgeFixture => mathFixtures.ridge.find((fixture) => fixture.name === name)!;

function expectAllClose(actual: ArrayLike<number>, expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, j) => expect(isClose(actual[j], value, tolerance), `[${j}] ${actual[j]} vs ${value}`).toBe(true));
}

describe("fitRidge", () => {
  it.each(mathFixtures.ridge)("$name matches the NumPy standardized closed form to 1e-9", ({ xColumns, y, alpha, expected }) => {
    const fit = fitRidge(xColumns, y, alpha);
    expectAllClose(fit.coefficients, expected.coefficients, TOLERANCE);
    expectAllClose(fit.standardizedCoefficients, expected.standardizedCoefficients, TOLERANCE);
    expect(isClose(fit.intercept, expected.intercept, TOLERANCE)).toBe(true);
    expect(isClose(fit.rawIntercept, expected.rawIntercept, TOLERANCE)).toBe(true);
    expect(isClose(fit.rSquared, expected.rSquared, TOLERANCE)).toBe(true);
    expect(fit.n).toBe(expected.n);
    expect(fit.alpha).toBe(alpha);
    expect(fit.constantColumns).toEqual(expected.constantColumns);
  });

  it("approaches multivariate OLS as alpha → 0", () => {
    const { xColumns, y, expected } = byName("alpha-tiny");
    expectAllClose(fitRidge(xColumns, y, 1e-10).coefficients, expected.olsCoefficients, 1e-6);
    const far = fitRidge(xColumns, y, 1).coefficients;
    const near = fitRidge(xColumns, y, 1e-4).coefficients;
    const distance = (c: Float64Array) => c.reduce((sum, value, j) => sum + Math.abs(value - expected.olsCoefficients[j]), 0);
    expect(distance(near)).toBeLessThan(distance(far));
  });

  it("leaves residuals orthogonal to Z up to the penalty: Zᵀe = α b", () => {
    const { xColumns, y } = byName("n90-k6-alpha1");
    const fit = fitRidge(xColumns, y, 1);
    const n = y.length;
    xColumns.forEach((column, j) => {
      const mean = column.reduce((s, v) => s + v, 0) / n;
      const sigma = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      let dot = 0;
      for (let i = 0; i < n; i++) {
        let fitted = fit.rawIntercept;
        xColumns.forEach((col, l) => (fitted += fit.coefficients[l] * col[i]));
        dot += ((column[i] - mean) / sigma) * (y[i] - fitted);
      }
      expect(Math.abs(dot - fit.standardizedCoefficients[j])).toBeLessThan(1e-12);
    });
  });

  it("scales β linearly with y (the penalty acts on standardized X only)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (scale) => {
        const { xColumns, y } = byName("n90-k6-alpha1");
        const base = fitRidge(xColumns, y);
        const scaled = fitRidge(xColumns, y.map((value) => value * scale));
        base.coefficients.forEach((beta, j) => expect(isClose(scaled.coefficients[j], beta * scale, 1e-12)).toBe(true));
        expect(isClose(scaled.rSquared, base.rSquared, 1e-12)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("gives R² = 0 and (numerically) zero betas for a constant y", () => {
    const fit = fitRidge(byName("constant-y").xColumns, byName("constant-y").y);
    expect(fit.rSquared).toBe(0);
    expect(Array.from(fit.coefficients).every((beta) => Math.abs(beta) < 1e-15)).toBe(true);
  });

  it("does not mutate its inputs", () => {
    const { xColumns, y } = byName("n90-k6-alpha1");
    const columns = xColumns.map((column) => Float64Array.from(column));
    const response = Float64Array.from(y);
    fitRidge(columns, response);
    columns.forEach((column, j) => expect(Array.from(column)).toEqual(xColumns[j]));
    expect(Array.from(response)).toEqual(y);
  });

  const x3 = [[1, 2, 3, 4], [2, 1, 4, 3]];
  it.each([
    [x3, [1, 2, 3, 4], -1, "fitRidge requires alpha > 0, got -1"],
    [x3, [1, 2, 3, 4], 0, "fitRidge requires alpha > 0, got 0"],
    [x3, [1, 2, 3, 4], Number.NaN, "fitRidge requires alpha > 0, got NaN"],
    [x3, [1, 2, 3, 4], Infinity, "fitRidge requires a finite alpha, got Infinity"],
    [[], [1, 2, 3, 4], 1, "fitRidge requires at least one regressor column, got 0"],
    [x3, [], 1, "fitRidge requires non-empty y, got length 0"],
    [[[1, 2, 3, 4], [1, 2, 3]], [1, 2, 3, 4], 1, "fitRidge requires every x column to have length 4, got 3 in column 1"],
    [[[1, 2], [2, 1]], [1, 2], 1, "fitRidge requires n > k observations, got n = 2 for k = 2"],
    [[[1, 2, 3, 4], [2, 1, Number.NaN, 3]], [1, 2, 3, 4], 1, "fitRidge requires finite values, got NaN in x column 1 at index 2"],
    [x3, [1, 2, 3, Number.NaN], 1, "fitRidge requires finite values, got NaN in y at index 3"],
  ])("guards: %#", (columns, y, alpha, message) => {
    expect(() => fitRidge(columns, y, alpha)).toThrow(message);
  });
});
