import { describe, expect, it } from "vitest";
import { fitRidge } from "./fit-ridge";
import { fitRidgeBatch } from "./fit-ridge-batch";
import { mathFixtures } from "./fixtures/load-math-fixtures";

describe("fitRidgeBatch", () => {
  const { xColumns, y } = mathFixtures.ridge[0];
  const ys = [y, y.map((value, i) => value * 0.5 + xColumns[2][i]), y.map((_, i) => Math.cos(i) / 100)];

  it("gives results bitwise identical to fitRidge for each response", () => {
    const batch = fitRidgeBatch(xColumns, ys, 1);
    expect(batch).toHaveLength(3);
    ys.forEach((response, index) => expect(batch[index]).toStrictEqual(fitRidge(xColumns, response, 1)));
  });

  it("accepts an empty list of responses and does not mutate inputs", () => {
    expect(fitRidgeBatch(xColumns, [])).toEqual([]);
    const response = Float64Array.from(y);
    fitRidgeBatch(xColumns, [response]);
    expect(Array.from(response)).toEqual(y);
  });

  const x3 = [[1, 2, 3, 4], [2, 1, 4, 3]];
  it.each([
    [x3, [[1, 2, 3, 4]], -1, "fitRidgeBatch requires alpha > 0, got -1"],
    [x3, [[1, 2, 3, 4]], Infinity, "fitRidgeBatch requires a finite alpha, got Infinity"],
    [[], [[1, 2, 3, 4]], 1, "fitRidgeBatch requires at least one regressor column, got 0"],
    [[[], []], [[]], 1, "fitRidgeBatch requires non-empty x columns, got length 0"],
    [[[1, 2, 3, 4], [1, 2, 3]], [], 1, "fitRidgeBatch requires every x column to have length 4, got 3 in column 1"],
    [[[1, 2], [2, 1]], [], 1, "fitRidgeBatch requires n > k observations, got n = 2 for k = 2"],
    [[[1, 2, 3, 4], [2, 1, Infinity, 3]], [], 1, "fitRidgeBatch requires finite values, got Infinity in x column 1 at index 2"],
    [x3, [[1, 2, 3, 4], [1, 2, 3]], 1, "fitRidgeBatch requires ys[1] to have length 4, got 3"],
    [x3, [[1, 2, 3, 4], [1, 2, Number.NaN, 4]], 1, "fitRidgeBatch requires finite values, got NaN in ys[1] at index 2"],
  ])("guards: %#", (columns, responses, alpha, message) => {
    expect(() => fitRidgeBatch(columns, responses, alpha)).toThrow(message);
  });
});
