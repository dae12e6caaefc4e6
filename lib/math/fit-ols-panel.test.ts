import { describe, expect, it } from "vitest";
import { fitOls } from "./fit-ols";
import { fitOlsPanel } from "./fit-ols-panel";
import { mathFixtures } from "./fixtures/load-math-fixtures";
import { readOlsFit } from "./prepare-ols-design";
import { createSeededNormal } from "./seeded-normal";

describe("fitOlsPanel", () => {
  const { x } = mathFixtures.ols[0];
  const n = x.length;
  const other = x.map((value, i) => value * 0.3 + Math.sin(i) / 50);
  const ys = [mathFixtures.ols[0].y, x.map((value) => -0.5 * value + 0.001), x.map((_, i) => Math.sin(i)), new Array<number>(n).fill(2)];

  it("gives cell r·K + k bitwise the fit fitOls(x_k, y_r) gives alone (a constant response included)", () => {
    const fits = fitOlsPanel([x, other], Float64Array.from(ys.flat()));
    expect(fits.count).toBe(8);
    ys.forEach((y, r) => {
      expect(readOlsFit(fits, r * 2)).toStrictEqual(fitOls(x, y));
      expect(readOlsFit(fits, r * 2 + 1)).toStrictEqual(fitOls(other, y));
    });
  });

  it("agrees to the last bit on 1,003 random responses and five regressors (four fitted together, one alone; rows in fours, then singly)", () => {
    const normal = createSeededNormal(5);
    const xs = [x, other, x.map((value) => value * value), x.map((_, i) => Math.cos(i)), x.map(() => normal())];
    const rows = Array.from({ length: 1003 }, () => x.map((value) => 1.2 * value + 0.01 * normal()));
    const fits = fitOlsPanel(xs, Float64Array.from(rows.flat()));
    const fields = ["beta", "alpha", "rSquared", "standardError", "tStat", "pValue", "residualVariance"] as const;
    const mismatches: string[] = [];
    rows.forEach((y, r) => {
      xs.forEach((regressor, k) => {
        const single = fitOls(regressor, y);
        for (const field of fields) if (!Object.is(fits[field][r * xs.length + k], single[field])) mismatches.push(`row ${r} x${k} ${field}`);
      });
    });
    expect(mismatches).toEqual([]);
  });

  it("accepts an empty panel and does not mutate inputs", () => {
    expect(fitOlsPanel([[1, 2, 3]], new Float64Array(0)).count).toBe(0);
    const panel = new Float64Array([1, 3, 2]);
    fitOlsPanel([[1, 2, 3]], panel);
    expect(Array.from(panel)).toEqual([1, 3, 2]);
  });

  it.each([
    [[], [1, 2, 3], "fitOlsPanel requires at least one regressor, got 0"],
    [[[1, 2]], [1, 2], "fitOlsPanel requires n > 2 observations, got 2"],
    [[[1, Number.NaN, 3]], [1, 2, 3], "fitOlsPanel requires finite values, got NaN in x at index 1"],
    [[[2, 2, 2]], [1, 2, 3], "fitOlsPanel requires a regressor with non-zero variance, got constant x = 2"],
    [[[1, 2, 3], [1, 2]], [1, 2, 3], "fitOlsPanel requires every regressor of length 3, got 2 in xs[1]"],
    [[[1, 2, 3]], [1, 2, 3, 4], "fitOlsPanel requires a response panel of whole rows of 3, got 4 values"],
    [[[1, 2, 3]], [1, 2, 3, 1, 2, Number.NaN], "fitOlsPanel requires finite values, got NaN in row 1 at index 2"],
  ])("rejects %j / %j", (xs, responses, message) => {
    expect(() => fitOlsPanel(xs, Float64Array.from(responses))).toThrow(message);
  });
});
