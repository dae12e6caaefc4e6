import { computeLogGamma } from "./log-gamma";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const STIRLING_THRESHOLD = 10;

/** Remainder of Stirling's series, ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], for x ≥ 10 (error < 1e−17). */
function computeStirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  return (
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 +
          inverseSquared *
            (1 / 1260 + inverseSquared * (-1 / 1680 + inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360 + inverseSquared / 156))))))
  );
}

/**
 * Natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * Formula: for large arguments the three ln Γ terms (each ≈ a ln a) nearly cancel, so, as R's `lbeta`, the
 * Stirling expansion is rearranged to cancel analytically: with p = min(a,b), q = max(a,b) and the Stirling
 * remainder c(x), for p ≥ 10: −½ ln q + ½ ln 2π + c(p) + c(q) − c(p+q) + (p − ½) ln(p/(p+q)) + q ln(1 − p/(p+q));
 * for p < 10 ≤ q: ln Γ(p) + c(q) − c(p+q) + p − p ln(p+q) + (q − ½) ln(1 − p/(p+q)); otherwise the direct sum.
 * Units: dimensionless.
 *
 * @throws `computeLogBeta requires a > 0 and b > 0, got a = 0, b = 1` for non-positive or non-finite shapes.
 * @see https://github.com/wch/r-source/blob/trunk/src/nmath/lbeta.c
 * Complexity: O(1).
 */
export function computeLogBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(`computeLogBeta requires a > 0 and b > 0, got a = ${a}, b = ${b}`);
  }
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const share = p / (p + q);
  if (p >= STIRLING_THRESHOLD) {
    const correction = computeStirlingCorrection(p) + computeStirlingCorrection(q) - computeStirlingCorrection(p + q);
    return -0.5 * Math.log(q) + HALF_LOG_TWO_PI + correction + (p - 0.5) * Math.log(share) + q * Math.log1p(-share);
  }
  if (q >= STIRLING_THRESHOLD) {
    const correction = computeStirlingCorrection(q) - computeStirlingCorrection(p + q);
    return computeLogGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-share);
  }
  return computeLogGamma(p) + computeLogGamma(q) - computeLogGamma(p + q);
}
