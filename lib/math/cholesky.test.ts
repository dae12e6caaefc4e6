import { describe, expect, it } from "vitest";
import { decomposeCholesky, solveCholesky, tryDecomposeCholesky } from "./cholesky";
import { mathFixtures } from "./fixtures/load-math-fixtures";

const { matrix, size, lower, rhs, solution } = mathFixtures.cholesky;

describe("decomposeCholesky / solveCholesky", () => {
  it("matches numpy.linalg.cholesky and numpy.linalg.solve to 1e-12", () => {
    const factor = decomposeCholesky(matrix, size);
    lower.forEach((expected, index) => expect(Math.abs(factor[index] - expected)).toBeLessThanOrEqual(1e-12));
    const x = solveCholesky(factor, size, rhs);
    solution.forEach((expected, index) => expect(Math.abs(x[index] - expected)).toBeLessThanOrEqual(1e-12));
  });

  it("reconstructs A = L Lᵀ and leaves the inputs untouched", () => {
    const input = Float64Array.from(matrix);
    const right = Float64Array.from(rhs);
    const factor = decomposeCholesky(input, size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (let k = 0; k < size; k++) sum += factor[i * size + k] * factor[j * size + k];
        expect(Math.abs(sum - matrix[i * size + j])).toBeLessThanOrEqual(1e-12);
        if (j > i) expect(factor[i * size + j]).toBe(0);
      }
    }
    solveCholesky(factor, size, right, new Float64Array(size));
    expect(Array.from(input)).toEqual(matrix);
    expect(Array.from(right)).toEqual(rhs);
  });

  it("throws on bad shapes, non-finite entries and matrices that are not positive definite", () => {
    expect(() => decomposeCholesky([1, 2, 3, 4, 5], 2)).toThrow(
      "decomposeCholesky requires a k×k matrix of length k², got length 5 for k = 2",
    );
    expect(() => decomposeCholesky([], 0)).toThrow("decomposeCholesky requires a k×k matrix of length k², got length 0 for k = 0");
    expect(() => decomposeCholesky([1, 0, 0, Number.NaN], 2)).toThrow("decomposeCholesky requires finite entries, got NaN at index 3");
    expect(() => decomposeCholesky([1, 2, 2, 1], 2)).toThrow("decomposeCholesky requires a positive-definite matrix, got pivot -3 at row 1");
    expect(() => decomposeCholesky([1, 1, 1, 1], 2)).toThrow("decomposeCholesky requires a positive-definite matrix, got pivot 0 at row 1");
    expect(() => solveCholesky([1, 0, 0, 1], 2, [1, 2, 3])).toThrow(
      "solveCholesky requires a factor of length k² and a right-hand side of length k, got 4 and 3 for k = 2",
    );
  });

  it("tryDecomposeCholesky gives the same factor bit for bit, null for a matrix that is not positive definite", () => {
    const factor = tryDecomposeCholesky(matrix, size)!;
    expect(Buffer.from(factor.buffer).equals(Buffer.from(decomposeCholesky(matrix, size).buffer))).toBe(true);
    expect(tryDecomposeCholesky([1, 2, 2, 1], 2)).toBeNull();
    expect(tryDecomposeCholesky([1, 1, 1, 1], 2)).toBeNull();
    expect(() => tryDecomposeCholesky([1, 2, 3], 2)).toThrow("tryDecomposeCholesky requires a k×k matrix of length k², got length 3 for k = 2");
    expect(() => tryDecomposeCholesky([1, 0, 0, Infinity], 2)).toThrow("tryDecomposeCholesky requires finite entries, got Infinity at index 3");
  });
});
