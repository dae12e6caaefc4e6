import { describe, expect, it } from "vitest";
import { fitOls } from "./fit-ols";
import { fitOlsBatch } from "./fit-ols-batch";
import { mathFixtures } from "./fixtures/load-math-fixtures";

describe("fitOlsBatch", () => {
  const { x } = mathFixtures.ols[0];
  const ys = [mathFixtures.ols[0].y, x.map((value) => -0.5 * value + 0.001), x.map((_, i) => Math.sin(i))];

  it("gives results bitwise identical to fitOls for each response", () => {
    const batch = fitOlsBatch(x, ys);
    expect(batch).toHaveLength(3);
    ys.forEach((y, index) => expect(batch[index]).toStrictEqual(fitOls(x, y)));
  });

  it("accepts an empty list of responses and does not mutate inputs", () => {
    expect(fitOlsBatch([1, 2, 3], [])).toEqual([]);
    const y = new Float64Array([1, 3, 2]);
    fitOlsBatch([1, 2, 3], [y]);
    expect(Array.from(y)).toEqual([1, 3, 2]);
  });

  it.each([
    [[1, 2], [[1, 2]], "fitOlsBatch requires n > 2 observations, got 2"],
    [[1, Number.NaN, 3], [[1, 2, 3]], "fitOlsBatch requires finite values, got NaN in x at index 1"],
    [[2, 2, 2], [[1, 2, 3]], "fitOlsBatch requires a regressor with non-zero variance, got constant x = 2"],
    [[1, 2, 3], [[1, 2, 3], [1, 2]], "fitOlsBatch requires x and ys[1] of equal length, got 3 and 2"],
    [[1, 2, 3], [[1, 2, 3], [1, 2, Number.NaN]], "fitOlsBatch requires finite values, got NaN in ys[1] at index 2"],
  ])("rejects x = %j", (xs, responses, message) => {
    expect(() => fitOlsBatch(xs, responses)).toThrow(message);
  });
});
