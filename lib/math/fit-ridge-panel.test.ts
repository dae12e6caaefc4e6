import { describe, expect, it } from "vitest";
import { fitRidge } from "./fit-ridge";
import { fitRidgePanel } from "./fit-ridge-panel";
import { mathFixtures } from "./fixtures/load-math-fixtures";
import { readRidgeFit } from "./prepare-ridge-design";
import { createSeededNormal } from "./seeded-normal";

/** Bitwise equality of two doubles (distinguishes −0 from 0, equates NaN with itself). */
const sameBits = (a: number, b: number) => Object.is(a, b);

describe("fitRidgePanel", () => {
  const { xColumns, y } = mathFixtures.ridge[0];
  const n = y.length;
  const ys = [y, y.map((value, i) => value * 0.5 + xColumns[2][i]), y.map((_, i) => Math.cos(i) / 100)];
  const panel = Float64Array.from(ys.flat());

  it("gives every row bitwise the fit fitRidge gives that response alone", () => {
    const fits = fitRidgePanel(xColumns, panel, 1);
    expect(fits.count).toBe(3);
    ys.forEach((response, row) => expect(readRidgeFit(fits, row)).toStrictEqual(fitRidge(xColumns, response, 1)));
  });

  it("agrees to the last bit on 501 random responses (rows in pairs, the last alone), a constant one and a constant regressor column", () => {
    const normal = createSeededNormal(3);
    const columns = [...xColumns.slice(0, 5), new Array<number>(n).fill(0.25)];
    const rows = Array.from({ length: 501 }, (_, r) => (r === 7 ? new Array<number>(n).fill(0.01) : Array.from({ length: n }, () => 0.02 * normal())));
    const fits = fitRidgePanel(columns, Float64Array.from(rows.flat()), 1);
    const mismatches: string[] = [];
    rows.forEach((response, row) => {
      const single = fitRidge(columns, response, 1);
      const batched = readRidgeFit(fits, row);
      if (!sameBits(batched.rSquared, single.rSquared) || !sameBits(batched.rawIntercept, single.rawIntercept)) mismatches.push(`row ${row}`);
      single.coefficients.forEach((value, j) => {
        if (!sameBits(batched.coefficients[j], value)) mismatches.push(`row ${row} β${j}`);
      });
    });
    expect(mismatches).toEqual([]);
    expect(fits.constantColumns).toEqual([false, false, false, false, false, true]);
  });

  it("accepts an empty panel and does not mutate inputs", () => {
    expect(fitRidgePanel(xColumns, new Float64Array(0)).count).toBe(0);
    const before = Array.from(panel);
    fitRidgePanel(xColumns, panel);
    expect(Array.from(panel)).toEqual(before);
  });

  const x3 = [[1, 2, 3, 4], [2, 1, 4, 3]];
  it.each([
    [x3, [1, 2, 3, 4], -1, "fitRidgePanel requires alpha > 0, got -1"],
    [x3, [1, 2, 3, 4], Infinity, "fitRidgePanel requires a finite alpha, got Infinity"],
    [[], [1, 2, 3, 4], 1, "fitRidgePanel requires at least one regressor column, got 0"],
    [[[], []], [], 1, "fitRidgePanel requires non-empty x columns, got length 0"],
    [[[1, 2, 3, 4], [1, 2, 3]], [], 1, "fitRidgePanel requires every x column to have length 4, got 3 in column 1"],
    [[[1, 2], [2, 1]], [], 1, "fitRidgePanel requires n > k observations, got n = 2 for k = 2"],
    [[[1, 2, 3, 4], [2, 1, Infinity, 3]], [], 1, "fitRidgePanel requires finite values, got Infinity in x column 1 at index 2"],
    [x3, [1, 2, 3, 4, 1, 2, 3], 1, "fitRidgePanel requires a response panel of whole rows of 4, got 7 values"],
    [x3, [1, 2, 3, 4, 1, 2, Number.NaN, 4], 1, "fitRidgePanel requires finite values, got NaN in row 1 at index 2"],
  ])("guards: %#", (columns, responses, alpha, message) => {
    expect(() => fitRidgePanel(columns, Float64Array.from(responses), alpha)).toThrow(message);
  });
});
