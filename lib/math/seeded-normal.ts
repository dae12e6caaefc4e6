/**
 * Seeded standard-normal generator: mulberry32 uniforms (Tommy Ettinger's 32-bit generator) through the Box–Muller
 * transform, z = √(−2 ln(1 − u₁)) · cos(2π u₂). The same seed always yields the same sequence, so synthetic
 * benchmark and test data are reproducible. O(1) per draw.
 * @see https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform
 */
export function createSeededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
