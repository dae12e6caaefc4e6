/**
 * Stateless randomness for the simulated market: every draw is a pure function of (key, day), so any date range
 * can be generated in isolation and gives the same numbers.
 */

/** xmur3 string hash → 32-bit unsigned key. */
export function hashKey(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** murmur3 finaliser: a well-mixed 32-bit value from any 32-bit input. */
function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const TWO_PI = 2 * Math.PI;
const TWO_POW_32 = 4294967296;

/** Standard normal for (key, day) by Box–Muller on two hashed uniforms. */
export function normalAt(key: number, day: number): number {
  const a = mix32(key ^ Math.imul(day + 0x632be5ab, 0x9e3779b1));
  const b = mix32(a ^ 0x6d2b79f5);
  const u1 = (a + 1) / (TWO_POW_32 + 1); // (0, 1): log is finite
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos((TWO_PI * b) / TWO_POW_32);
}

/** Two independent standard normals for (key, day): the cosine and sine halves of one Box–Muller draw. */
export function normalPairAt(key: number, day: number, out: [number, number]): [number, number] {
  const a = mix32(key ^ Math.imul(day + 0x1b873593, 0x85ebca77));
  const b = mix32(a ^ 0x27d4eb2f);
  const radius = Math.sqrt(-2 * Math.log((a + 1) / (TWO_POW_32 + 1)));
  const angle = (TWO_PI * b) / TWO_POW_32;
  out[0] = radius * Math.cos(angle);
  out[1] = radius * Math.sin(angle);
  return out;
}
