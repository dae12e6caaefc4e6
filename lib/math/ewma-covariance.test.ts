import fc from "fast-check";
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";

import {
  computeEwmaCovariance,
  computeEwmaWeights,
  EWMA_SHRINK_STEP,
  shrinkCorrelationToPositiveDefinite,
} from "./ewma-covariance";
import fixture from "./fixtures/ewma-covariance-fixture.json";

const RISKMETRICS = { lambda: 0.94, correlationClip: 0.95, minObservations: 30 };

function expectMatrixClose(actual: number[][], expected: number[][], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((value, j) => expect(Math.abs(value - expected[i][j])).toBeLessThanOrEqual(tolerance)));
}

function minEigenvalue(matrix: number[][]): number {
  return Math.min(...new EigenvalueDecomposition(new Matrix(matrix), { assumeSymmetric: true }).realEigenvalues);
}

describe("computeEwmaCovariance against numpy (lib/math/fixtures/ewma-covariance-fixture.py)", () => {
  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_, testCase) => {
    const result = computeEwmaCovariance(testCase.returns, {
      lambda: testCase.lambda,
      correlationClip: testCase.clip,
      minObservations: testCase.minObservations,
      zeroMean: "zeroMean" in testCase ? testCase.zeroMean : undefined,
    });
    // Covariances are ~1e-4, so compare them 1000× tighter than correlations.
    expectMatrixClose(result.covariance, testCase.expected.covariance, 1e-12);
    expectMatrixClose(result.correlation, testCase.expected.correlation, 1e-9);
    result.volatility.forEach((sigma, i) => expect(Math.abs(sigma - testCase.expected.volatility[i])).toBeLessThanOrEqual(1e-12));
    expect(result.observations).toBe(testCase.expected.observations);
    expect(result.shrinkage).toBe(1);
  });
});

describe("computeEwmaCovariance by hand", () => {
  it("weights 1/7, 2/7, 4/7 for λ = 0.5 over three rows", () => {
    const weights = computeEwmaWeights(3, 0.5);
    expect(weights[0]).toBeCloseTo(1 / 7, 15);
    expect(weights[1]).toBeCloseTo(2 / 7, 15);
    expect(weights[2]).toBeCloseTo(4 / 7, 15);
  });

  it("computes the weighted moments without bias correction", () => {
    // μ1 = (1 + 4 + 16)/7 = 3, μ2 = (2 + 2 + 20)/7 = 24/7.
    // Σ11 = (4 + 2·1 + 4·1)/7 = 10/7; Σ22 = ((−10/7)² + 2(−17/7)² + 4(11/7)²)/7 = 1162/343;
    // Σ12 = ((−2)(−10/7) + 2(−1)(−17/7) + 4(1)(11/7))/7 = 98/49 = 2.
    const result = computeEwmaCovariance([[1, 2], [2, 1], [4, 5]], { lambda: 0.5, correlationClip: 1, minObservations: 0 });
    expect(result.covariance[0][0]).toBeCloseTo(10 / 7, 14);
    expect(result.covariance[1][1]).toBeCloseTo(1162 / 343, 14);
    expect(result.covariance[0][1]).toBeCloseTo(2, 14);
    expect(result.correlation[0][1]).toBeCloseTo(2 / Math.sqrt((10 / 7) * (1162 / 343)), 14);
    expect(result.volatility[0]).toBeCloseTo(Math.sqrt(10 / 7), 14);
  });

  it("uses second moments about zero with zeroMean", () => {
    // Weights 1/7, 2/7, 4/7: Σ11 = (1 + 2·4 + 4·16)/7 = 73/7; Σ22 = (4 + 2 + 4·25)/7 = 106/7; Σ12 = (2 + 4 + 80)/7 = 86/7.
    const result = computeEwmaCovariance([[1, 2], [2, 1], [4, 5]], { lambda: 0.5, correlationClip: 1, minObservations: 0, zeroMean: true });
    expect(result.covariance[0][0]).toBeCloseTo(73 / 7, 13);
    expect(result.covariance[1][1]).toBeCloseTo(106 / 7, 13);
    expect(result.covariance[0][1]).toBeCloseTo(86 / 7, 13);
    expect(result.covariance[1][0]).toBe(result.covariance[0][1]);
  });

  it("rebuilds the covariance from the clipped correlation", () => {
    const result = computeEwmaCovariance([[1, 1.01], [2, 2.02], [4, 4.03]], { lambda: 0.5, correlationClip: 0.5, minObservations: 0 });
    expect(result.correlation[0][1]).toBe(0.5);
    expect(result.covariance[0][1]).toBeCloseTo(0.5 * result.volatility[0] * result.volatility[1], 15);
  });
});

describe("computeEwmaCovariance invariants", () => {
  const matrices = fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 6 }))
    .chain(([rows, columns]) =>
      fc.array(fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );

  it("is symmetric, PSD, unit-diagonal and clipped", () => {
    fc.assert(
      fc.property(matrices, fc.double({ min: 0.5, max: 1, noNaN: true }), (returns, clip) => {
        const result = computeEwmaCovariance(returns, { lambda: 0.94, correlationClip: clip, minObservations: 5 });
        const k = result.correlation.length;
        for (let i = 0; i < k; i += 1) {
          expect(result.correlation[i][i]).toBe(1);
          for (let j = 0; j < k; j += 1) {
            expect(result.correlation[i][j]).toBe(result.correlation[j][i]);
            expect(result.covariance[i][j]).toBe(result.covariance[j][i]);
            if (i !== j) expect(Math.abs(result.correlation[i][j])).toBeLessThanOrEqual(clip);
          }
        }
        if (k > 0) {
          expect(new CholeskyDecomposition(new Matrix(result.correlation)).isPositiveDefinite()).toBe(true);
          expect(minEigenvalue(result.covariance)).toBeGreaterThanOrEqual(-1e-15);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("does not mutate its input", () => {
    const returns = [[0.01, 0.02], [0.03, -0.01], [0.0, 0.005]];
    const copy = structuredClone(returns);
    computeEwmaCovariance(returns, RISKMETRICS);
    expect(returns).toEqual(copy);
  });

  it("returns empty matrices for no factors and zero moments for no rows", () => {
    expect(computeEwmaCovariance([], RISKMETRICS)).toEqual({ covariance: [], correlation: [], volatility: [], observations: 0, shrinkage: 1 });
    expect(computeEwmaCovariance([[]], RISKMETRICS).observations).toBe(1);
  });
});

describe("shrinkCorrelationToPositiveDefinite", () => {
  it("leaves a positive definite matrix alone", () => {
    const correlation = [[1, 0.5], [0.5, 1]];
    expect(shrinkCorrelationToPositiveDefinite(correlation)).toEqual({ correlation, shrinkage: 1 });
  });

  it("shrinks an indefinite clipped matrix by powers of 0.95 until Cholesky succeeds", () => {
    // Eigenvalues of [[1,a,−a],[a,1,a],[−a,a,1]] are 1 + a (twice) and 1 − 2a: PD iff a < 0.5.
    const clipped = [[1, 0.95, -0.95], [0.95, 1, 0.95], [-0.95, 0.95, 1]];
    const { correlation, shrinkage } = shrinkCorrelationToPositiveDefinite(clipped);
    const steps = Math.ceil(Math.log(0.5 / 0.95) / Math.log(EWMA_SHRINK_STEP) + 1e-12);
    expect(shrinkage).toBeCloseTo(EWMA_SHRINK_STEP ** steps, 15);
    expect(0.95 * shrinkage).toBeLessThan(0.5);
    expect(0.95 * (shrinkage / EWMA_SHRINK_STEP)).toBeGreaterThanOrEqual(0.5);
    expect(correlation[0][1]).toBeCloseTo(0.95 * shrinkage, 15);
    expect(correlation[1][1]).toBe(1);
    expect(clipped[0][1]).toBe(0.95);
  });
});

describe("computeEwmaCovariance guards", () => {
  it.each([
    [{ ...RISKMETRICS, lambda: 0 }, "computeEwmaCovariance requires 0 < lambda <= 1, got 0"],
    [{ ...RISKMETRICS, lambda: 1.5 }, "computeEwmaCovariance requires 0 < lambda <= 1, got 1.5"],
    [{ ...RISKMETRICS, correlationClip: 0 }, "computeEwmaCovariance requires 0 < correlationClip <= 1, got 0"],
    [{ ...RISKMETRICS, minObservations: 2.5 }, "computeEwmaCovariance requires minObservations to be a non-negative integer, got 2.5"],
  ])("rejects bad options %#", (options, message) => {
    expect(() => computeEwmaCovariance([[0.01]], options)).toThrow(message);
  });

  it("rejects ragged rows and non-finite values", () => {
    expect(() => computeEwmaCovariance([[0.01, 0.02], [0.01]], RISKMETRICS)).toThrow(
      "computeEwmaCovariance requires rows of equal length, row 1 has 1, expected 2",
    );
    expect(() => computeEwmaCovariance([[0.01, Number.NaN]], RISKMETRICS)).toThrow(
      "computeEwmaCovariance requires finite returns, got NaN at row 0, column 1",
    );
  });
});

describe("shrinkCorrelationToPositiveDefinite near-singular input", () => {
  it("shrinks a matrix whose Cholesky pivot is positive but below 1e-10", () => {
    // 1 − (1 − 1e−12)² ≈ 2e−12 > 0 passes ml-matrix's test but not the pivot floor; one step of 0.95 fixes it.
    const { shrinkage } = shrinkCorrelationToPositiveDefinite([[1, 1 - 1e-12], [1 - 1e-12, 1]]);
    expect(shrinkage).toBe(EWMA_SHRINK_STEP);
  });
});

describe("shrinkCorrelationToPositiveDefinite fallback", () => {
  it("falls back to the identity when shrinking cannot help (a zero diagonal)", () => {
    expect(shrinkCorrelationToPositiveDefinite([[0, 0.3], [0.3, 1]])).toEqual({ correlation: [[1, 0], [0, 1]], shrinkage: 0 });
  });
});
