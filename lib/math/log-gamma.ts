const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Natural logarithm of the gamma function, ln Γ(z), for z > 0.
 *
 * Formula (Lanczos, g = 7, 9 terms): Γ(z+1) = √(2π) (z+g+½)^{z+½} e^{−(z+g+½)} A_g(z);
 * for z < ½ the reflection Γ(z)Γ(1−z) = π / sin(πz) is used. Relative accuracy ≈ 1e−15.
 * Units: dimensionless.
 *
 * @param z - argument, finite and > 0.
 * @returns ln Γ(z).
 * @throws `computeLogGamma requires a finite z > 0, got -1` for z ≤ 0 or non-finite z.
 * @see https://en.wikipedia.org/wiki/Lanczos_approximation
 * Complexity: O(1).
 */
export function computeLogGamma(z: number): number {
  if (!(z > 0) || !Number.isFinite(z)) {
    throw new Error(`computeLogGamma requires a finite z > 0, got ${z}`);
  }
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - computeLogGamma(1 - z);
  const shifted = z - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += LANCZOS_COEFFICIENTS[i] / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
