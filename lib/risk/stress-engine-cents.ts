/**
 * Cent arithmetic for money outputs (stress results, P&L snapshots, exposures): one rounding rule everywhere.
 * Amounts are USD numbers; cents are integers.
 */

/** Relative tolerance that absorbs binary noise in amount × 100 (exact to the cent below $10¹⁰). */
const CENT_NOISE = 1e-13;

/**
 * USD → integer cents, half away from zero. A relative nudge of 1e-13 first absorbs binary noise, so 1.005 → 101
 * cents (1.005 × 100 is 100.49999999999999 in binary) and −0.125 → −13 cents.
 */
export function toCents(amountUsd: number): number {
  if (!Number.isFinite(amountUsd)) throw new Error(`toCents requires a finite amount, got ${amountUsd}`);
  const cents = Math.round(Math.abs(amountUsd) * 100 * (1 + CENT_NOISE));
  return amountUsd < 0 && cents !== 0 ? -cents : cents;
}

/** USD rounded to the cent (half away from zero), as a number with at most two decimals. Never returns −0. */
export function roundToCents(amountUsd: number): number {
  const cents = toCents(amountUsd);
  return cents === 0 ? 0 : cents / 100;
}

/**
 * Largest-remainder (Hamilton) rounding: splits `totalCents` over the amounts so that every share is within one
 * cent of its exact value and the shares sum to `totalCents` exactly. Each amount × 100 is floored; the missing
 * cents go one each to the largest fractional remainders (ties: lower index first); a negative shortfall takes
 * cents back from the smallest remainders. A negative total (or a zero total whose first non-zero amount is
 * negative) is allocated as the mirror image of the positive case, so opposite amounts get exactly opposite
 * shares: a scenario and its reverse show opposite contributions to the cent. O(n²) for the remainder order (n is the
 * handful of stress factors).
 *
 * @throws if there are no amounts but a non-zero total, or `totalCents` is not an integer.
 */
export function allocateCents(amountsUsd: readonly number[], totalCents: number): number[] {
  if (!Number.isInteger(totalCents)) throw new Error(`allocateCents requires integer totalCents, got ${totalCents}`);
  if (amountsUsd.length === 0) {
    if (totalCents !== 0) throw new Error(`allocateCents cannot place ${totalCents} cents on zero amounts`);
    return [];
  }
  const mirrored = totalCents < 0 || (totalCents === 0 && Math.sign(amountsUsd.find((amount) => amount !== 0) ?? 0) < 0);
  return allocateCanonical(amountsUsd, mirrored ? -totalCents : totalCents, mirrored ? -1 : 1);
}

/**
 * The positive case on sign × amounts, its shares times sign (a zero share has no sign). Allocation-light (it runs
 * for every factor of every stress result): floors of the snapped amounts, shortfall spread evenly, the rest by
 * remainder order (largest first, ties lower index first), the order built by insertion (a handful of amounts).
 */
function allocateCanonical(amountsUsd: readonly number[], totalCents: number, sign: 1 | -1): number[] {
  const count = amountsUsd.length;
  const allocated = new Array<number>(count);
  const remainders = new Array<number>(count);
  let floorSum = 0;
  for (let index = 0; index < count; index += 1) {
    const exact = snapToWholeCents(sign * amountsUsd[index]);
    const floor = Math.floor(exact);
    allocated[index] = floor;
    remainders[index] = exact - floor;
    floorSum += floor;
  }
  const shortfall = totalCents - floorSum;
  const everyone = Math.trunc(shortfall / count);
  const extra = Math.abs(shortfall - everyone * count);
  for (let index = 0; index < count; index += 1) allocated[index] += everyone;
  if (extra !== 0) {
    const order = new Array<number>(count);
    for (let index = 0; index < count; index += 1) {
      let at = index;
      while (at > 0 && remainders[index] > remainders[order[at - 1]]) {
        order[at] = order[at - 1];
        at -= 1;
      }
      order[at] = index;
    }
    const step = Math.sign(shortfall);
    const start = step > 0 ? 0 : count - extra;
    for (let k = start; k < start + extra; k += 1) allocated[order[k]] += step;
  }
  if (sign < 0) for (let index = 0; index < count; index += 1) allocated[index] = allocated[index] === 0 ? 0 : -allocated[index];
  return allocated;
}

/** amount × 100, snapped to the whole cent when it is within binary noise of one (0.29 × 100 → 29, not 28.999…). */
function snapToWholeCents(amountUsd: number): number {
  const cents = amountUsd * 100;
  const whole = Math.round(cents);
  return Math.abs(cents - whole) <= CENT_NOISE * Math.max(1, Math.abs(cents)) ? whole : cents;
}
