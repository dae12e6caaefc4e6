import { createSeededUniform } from "./seeded-uniform";

/**
 * Seeded standard-normal generator: the seeded uniforms through the Box–Muller transform,
 * z = √(−2 ln(1 − u₁)) · cos(2π u₂). The same seed always yields the same sequence. O(1) per draw.
 * @see https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform
 */
export function createSeededNormal(seed: number): () => number {
  const uniform = createSeededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
