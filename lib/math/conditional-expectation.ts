import { solveCholesky, tryDecomposeCholesky } from "./cholesky";

/** Σ_SS counts as positive definite when every Cholesky pivot² is at least this fraction of its diagonal. */
const RELATIVE_PIVOT_TOLERANCE = 1e-12;

/**
 * Conditional expectation of a zero-mean Gaussian vector given some of its components (the "scenario
 * propagation" of a stress test).
 *
 * With r ~ N(0, Σ) split into shocked S (observed value s) and unshocked U:
 *   E[r_U | r_S = s] = Σ_US Σ_SS⁻¹ s.
 * The shocked components keep their value s. Σ_SS⁻¹ s is obtained by a Cholesky solve Σ_SS x = s, never by inversion.
 * With one shocked factor j this is r_u = (Σ_uj / Σ_jj) s_j, the regression beta of u on j times the shock.
 *
 * Units: s and r in the units of Σ's variables (decimal returns); Σ in those units².
 * Reference: Meucci, "Risk and Asset Allocation" (Springer 2005), §2.7.2 conditional normal distribution;
 * https://en.wikipedia.org/wiki/Multivariate_normal_distribution#Conditional_distributions
 * Complexity: O(|S|³ + |U|·|S|) for the solve and the product, O(K) to assemble.
 *
 * @returns the full K-vector: r_i = s for shocked i, the conditional mean for the others; all zeros when S is empty.
 * @throws if Σ is not square and symmetric, an index is out of range or repeated, lengths differ, a value is not
 *   finite, or Σ_SS is not positive definite.
 */
export function computeConditionalExpectation(
  covariance: readonly (readonly number[])[],
  shockedIndices: readonly number[],
  shocks: readonly number[],
): number[] {
  assertConditionalInputs(covariance, shockedIndices, shocks);
  const size = covariance.length;
  const result = new Array<number>(size).fill(0);
  if (shockedIndices.length === 0) return result;
  const k = shockedIndices.length;
  const sigmaSS = new Float64Array(k * k);
  shockedIndices.forEach((i, a) => shockedIndices.forEach((j, b) => (sigmaSS[a * k + b] = covariance[i][j])));
  const lower = tryDecomposeCholesky(sigmaSS, k);
  const singular = lower === null || shockedIndices.some((index, a) => lower[a * k + a] ** 2 < RELATIVE_PIVOT_TOLERANCE * covariance[index][index]);
  if (singular) {
    throw new Error(
      `computeConditionalExpectation requires the shocked covariance block to be positive definite, indices [${shockedIndices.join(", ")}]`,
    );
  }
  const solved = solveCholesky(lower, k, shocks);
  const shocked = new Set(shockedIndices);
  for (let u = 0; u < size; u += 1) {
    if (shocked.has(u)) continue;
    result[u] = shockedIndices.reduce((sum, s, k) => sum + covariance[u][s] * solved[k], 0);
  }
  shockedIndices.forEach((index, k) => {
    result[index] = shocks[k];
  });
  return result;
}

function assertConditionalInputs(
  covariance: readonly (readonly number[])[],
  shockedIndices: readonly number[],
  shocks: readonly number[],
): void {
  const size = covariance.length;
  covariance.forEach((row, i) => {
    if (row.length !== size) throw new Error(`computeConditionalExpectation requires a square covariance, row ${i} has ${row.length} of ${size}`);
    row.forEach((value, j) => {
      if (!Number.isFinite(value) || value !== covariance[j][i]) {
        throw new Error(`computeConditionalExpectation requires a finite symmetric covariance, mismatch at (${i}, ${j})`);
      }
    });
  });
  if (shockedIndices.length !== shocks.length) {
    throw new Error(`computeConditionalExpectation requires one shock per index, got ${shocks.length} shocks for ${shockedIndices.length} indices`);
  }
  const seen = new Set<number>();
  shockedIndices.forEach((index) => {
    if (!Number.isInteger(index) || index < 0 || index >= size || seen.has(index)) {
      throw new Error(`computeConditionalExpectation requires distinct indices in [0, ${size}), got ${index}`);
    }
    seen.add(index);
  });
  shocks.forEach((shock) => {
    if (!Number.isFinite(shock)) throw new Error(`computeConditionalExpectation requires finite shocks, got ${shock}`);
  });
}
