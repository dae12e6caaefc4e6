import { describe, expect, it } from "vitest";
import { hasZeroVariance } from "./has-zero-variance";

describe("hasZeroVariance", () => {
  it("is true for empty and constant series, including ones whose float mean is off by an ulp", () => {
    expect(hasZeroVariance([])).toBe(true);
    expect(hasZeroVariance([0.1, 0.1, 0.1])).toBe(true);
    expect(hasZeroVariance(new Float64Array(5))).toBe(true);
  });

  it("is false as soon as one value differs", () => {
    expect(hasZeroVariance([0, 0, 1e-300])).toBe(false);
    expect(hasZeroVariance([1, Number.NaN])).toBe(false);
  });
});
