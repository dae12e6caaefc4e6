/**
 * The project's one seeded pseudo-random generator: mulberry32 (Tommy Ettinger's 32-bit generator), uniforms in
 * [0, 1). The same seed always yields the same sequence, so simulated markets, benchmark and test data are
 * reproducible on every machine. Not for anything secret. O(1) per draw.
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
export function createSeededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
