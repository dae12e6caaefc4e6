import { describe, expect, it } from "vitest";
import { computeIncompleteBeta, computeIncompleteBetaPair } from "./incomplete-beta";
import { mathFixtures } from "./fixtures/load-math-fixtures";

describe("computeIncompleteBeta", () => {
  it.each(mathFixtures.incompleteBeta)("matches scipy.special.betainc($a, $b, $x) to 1e-12 relative", ({ x, a, b, value }) => {
    const actual = computeIncompleteBeta(x, a, b);
    expect(Math.abs(actual - value) / value).toBeLessThanOrEqual(1e-12);
  });

  it("handles the end points and the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)", () => {
    expect(computeIncompleteBeta(0, 2, 3)).toBe(0);
    expect(computeIncompleteBeta(1, 2, 3)).toBe(1);
    expect(computeIncompleteBeta(0.3, 2, 3) + computeIncompleteBeta(0.7, 3, 2)).toBeCloseTo(1, 14);
  });

  it.each([
    [0.5, 0, 1, "computeIncompleteBeta requires a > 0 and b > 0, got a = 0, b = 1"],
    [0.5, 1, -2, "computeIncompleteBeta requires a > 0 and b > 0, got a = 1, b = -2"],
    [0.5, Infinity, 1, "computeIncompleteBeta requires a > 0 and b > 0, got a = Infinity, b = 1"],
    [2, 1, 1, "computeIncompleteBeta requires 0 ≤ x ≤ 1, got 2"],
    [Number.NaN, 1, 1, "computeIncompleteBeta requires 0 ≤ x ≤ 1, got NaN"],
  ])("rejects x = %s, a = %s, b = %s", (x, a, b, message) => {
    expect(() => computeIncompleteBeta(x, a, b)).toThrow(message);
  });

  it("gives each value of a pair to the last bit as the lone call does (fraction or end point in either lane)", () => {
    const cases: [number, number, number, number][] = [
      ...mathFixtures.incompleteBeta.map(({ x, a, b }) => [x, a, b, 1 - x] as [number, number, number, number]),
      [0.12, 44, 0.5, 0.88], [0.97, 44, 0.5, 0.03], [0.5, 89, 0.5, 0.5], [0, 2, 3, 1], [1, 2, 3, 0], [0.3, 2, 3, 0.7],
    ];
    const out = new Float64Array(2);
    const mismatches: string[] = [];
    for (const first of cases) {
      for (const second of cases) {
        computeIncompleteBetaPair(...first, ...second, out);
        if (!Object.is(out[0], computeIncompleteBeta(...first)) || !Object.is(out[1], computeIncompleteBeta(...second))) mismatches.push(`${first} | ${second}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("checks both lanes of a pair as the lone call does", () => {
    const out = new Float64Array(2);
    expect(() => computeIncompleteBetaPair(0.5, 1, 1, 0.5, 2, 1, 1, -1, out)).toThrow("computeIncompleteBeta requires 0 ≤ x ≤ 1, got 2");
    expect(() => computeIncompleteBetaPair(0.5, 0, 1, 0.5, 0.5, 1, 1, 0.5, out)).toThrow("computeIncompleteBeta requires a > 0 and b > 0, got a = 0, b = 1");
  });
});
