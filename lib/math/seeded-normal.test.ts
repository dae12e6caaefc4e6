import { describe, expect, it } from "vitest";
import { createSeededNormal } from "./seeded-normal";
import { createSeededUniform } from "./seeded-uniform";

describe("createSeededNormal", () => {
  it("repeats its sequence for a seed and differs across seeds", () => {
    const a = createSeededNormal(7);
    const b = createSeededNormal(7);
    const c = createSeededNormal(8);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it("has mean ≈ 0 and variance ≈ 1 (200,000 draws, 5 standard errors)", () => {
    const normal = createSeededNormal(42);
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i += 1) {
      const z = normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / n;
    const variance = sumSquares / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});

describe("createSeededUniform", () => {
  it("is mulberry32: the reference sequence for seed 1, every draw in [0, 1)", () => {
    const uniform = createSeededUniform(1);
    const draws = Array.from({ length: 3 }, uniform);
    // mulberry32(1) by the generator's published C code: 2693262067, 11749833, 2265367787 (÷ 2^32 here).
    expect(draws.map((u) => Math.round(u * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
    const many = createSeededUniform(99);
    for (let i = 0; i < 10_000; i += 1) {
      const u = many();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
