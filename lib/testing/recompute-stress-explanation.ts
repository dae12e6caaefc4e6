/**
 * An independent recomputation of a `stress explain` object from its own covariance, exposures and shocks: the
 * implied moves by an LU solve (ml-matrix `solve`, not the Cholesky path of the engine), then the contributions,
 * then the loss cap read from the object's own flags. Tests compare it with the object to 1e-9 relative.
 */
import { Matrix, solve } from "ml-matrix";
import type { StressExplanation } from "../risk/stress-explain";

export interface RecomputedExplanation {
  moves: number[];
  direct: number[];
  correlated: number[];
}

export function recomputeStressExplanation(explanation: StressExplanation): RecomputedExplanation {
  const { factors, covariance } = explanation;
  const shocked = factors.flatMap((factor, i) => (factor in explanation.shocks && covariance[i][i] > 0 ? [i] : []));
  const free = factors.flatMap((_, i) => (shocked.includes(i) ? [] : [i]));
  const s = shocked.map((i) => explanation.shocks[factors[i]]!);
  const moves = factors.map((factor) => explanation.shocks[factor] ?? 0);
  if (shocked.length > 0) {
    const sigmaSS = new Matrix(shocked.map((i) => shocked.map((j) => covariance[i][j])));
    const weights = solve(sigmaSS, Matrix.columnVector(s)).getColumn(0);
    for (const u of free) moves[u] = shocked.reduce((sum, j, k) => sum + covariance[u][j] * weights[k], 0);
  }
  const exposure = factors.map((factor) => explanation.exposures[factor]);
  const directExposure = exposure.map((value, i) => (i === 0 ? explanation.marketBetaExposure : value));
  const correlated = exposure.map((value, i) => value * moves[i]);
  const direct = directExposure.map((value, i) => (factors[i] in explanation.shocks ? value * explanation.shocks[factors[i]]! : 0));
  return {
    moves,
    direct: scaleToTotal(direct, explanation.capped.direct, explanation.direct.total),
    correlated: scaleToTotal(correlated, explanation.capped.correlated, explanation.correlated.total),
  };
}

/** A capped figure scales every contribution by cap / raw total; the object's own total is the cap. */
function scaleToTotal(values: number[], capped: boolean, total: number): number[] {
  if (!capped) return values;
  const raw = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => (value * total) / raw);
}

/** |a − b| ≤ 1e-9 × max(|a|, |b|), with an absolute floor for values that are 0 up to rounding. */
export function closeRelative(a: number, b: number, relative = 1e-9, absolute = 1e-9): boolean {
  return Math.abs(a - b) <= Math.max(relative * Math.max(Math.abs(a), Math.abs(b)), absolute);
}
