import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { allocateCents, roundToCents, toCents } from "./stress-engine-cents";

describe("toCents / roundToCents", () => {
  it("rounds half away from zero despite binary noise", () => {
    expect(toCents(1.005)).toBe(101);
    expect(toCents(-0.125)).toBe(-13);
    expect(toCents(0.29)).toBe(29);
    expect(toCents(-1234567.894)).toBe(-123456789);
    expect(roundToCents(2.675)).toBe(2.68);
  });

  it("never returns negative zero", () => {
    expect(Object.is(toCents(-0.001), 0)).toBe(true);
    expect(Object.is(roundToCents(-0.004), 0)).toBe(true);
  });

  it("rejects non-finite amounts", () => {
    expect(() => toCents(Number.NaN)).toThrow("toCents requires a finite amount, got NaN");
  });
});

describe("allocateCents", () => {
  it("gives the missing cents to the largest remainders (ties: lower index first)", () => {
    // 1/3 of $1.00 three ways: floors 33 + 33 + 33 = 99, one cent to the first.
    expect(allocateCents([1 / 3, 1 / 3, 1 / 3], 100)).toEqual([34, 33, 33]);
    // 10.004 + 10.006 = 20.01: floors 1000 + 1000, the cent goes to the .6 remainder.
    expect(allocateCents([10.004, 10.006], 2001)).toEqual([1000, 1001]);
    // A loss is the mirror image of the matching gain.
    expect(allocateCents([0.015, 0.015], 3)).toEqual([2, 1]);
    expect(allocateCents([-0.015, -0.015], -3)).toEqual([-2, -1]);
  });

  it("keeps exact cent amounts exact", () => {
    expect(allocateCents([0.29, 0.57, -0.86], 0)).toEqual([29, 57, -86]);
  });

  it("reaches any integer target, even one far from the amounts", () => {
    // Floors 50 + 25 = 75; −65 cents: −32 each, the odd cent from the smallest remainder (last index on a tie).
    expect(allocateCents([0.5, 0.25], 10)).toEqual([18, -8]);
    expect(allocateCents([0.5, 0.25], -3)).toEqual([11, -14]);
    expect(allocateCents([], 0)).toEqual([]);
  });

  it("sums to the target and stays within a cent of each exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 12 }), (amounts) => {
        const total = toCents(amounts.reduce((sum, value) => sum + value, 0));
        const cents = allocateCents(amounts, total);
        expect(cents.reduce((sum, value) => sum + value, 0)).toBe(total);
        cents.forEach((value, i) => expect(Math.abs(value - amounts[i] * 100)).toBeLessThan(1 + 1e-6));
      }),
    );
  });

  it("gives opposite amounts exactly opposite shares", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 12 }), fc.integer({ min: -3, max: 3 }), (amounts, offset) => {
        const total = toCents(amounts.reduce((sum, value) => sum + value, 0)) + offset;
        // + 0 turns −0 into 0: a zero share has no sign.
        const mirrored = allocateCents(amounts.map((value) => -value), -total).map((cents) => cents + 0);
        expect(mirrored).toEqual(allocateCents(amounts, total).map((cents) => -cents + 0));
      }),
    );
    expect(allocateCents([0.004, -0.004, 0.002], 0)).toEqual(allocateCents([-0.004, 0.004, -0.002], 0).map((c) => (c === 0 ? 0 : -c)));
  });

  it("gives the same shares as the sort-based rule it replaced (largest remainders first, ties lower index first)", () => {
    const amount = fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: -500, max: 500 }).map((cents) => cents / 100), fc.constantFrom(0, -0, 0.005, -0.015));
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 12 }), fc.integer({ min: -40, max: 40 }), (amounts, offset) => {
        const total = toCents(amounts.reduce((sum, value) => sum + value, 0)) + offset;
        expect(allocateCents(amounts, total)).toEqual(referenceAllocation(amounts, total));
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects a fractional target and cents without amounts", () => {
    expect(() => allocateCents([1], 1.5)).toThrow("allocateCents requires integer totalCents, got 1.5");
    expect(() => allocateCents([], 3)).toThrow("allocateCents cannot place 3 cents on zero amounts");
  });
});

/** The allocation as first written (sorted index order, mirrored through negated arrays), kept as the reference. */
function referenceAllocation(amountsUsd: number[], totalCents: number): number[] {
  const snap = (amountUsd: number) => {
    const cents = amountUsd * 100;
    const whole = Math.round(cents);
    return Math.abs(cents - whole) <= 1e-13 * Math.max(1, Math.abs(cents)) ? whole : cents;
  };
  const canonical = (amounts: number[], total: number) => {
    const exact = amounts.map(snap);
    const allocated = exact.map((value) => Math.floor(value));
    const remainders = exact.map((value, i) => value - allocated[i]);
    const shortfall = total - allocated.reduce((sum, value) => sum + value, 0);
    const everyone = Math.trunc(shortfall / amounts.length);
    const extra = Math.abs(shortfall - everyone * amounts.length);
    for (let i = 0; i < amounts.length; i += 1) allocated[i] += everyone;
    const order = amounts.map((_, i) => i).sort((a, b) => remainders[b] - remainders[a] || a - b);
    const step = Math.sign(shortfall);
    const start = step > 0 ? 0 : amounts.length - extra;
    for (let k = start; k < start + extra; k += 1) allocated[order[k]] += step;
    return allocated;
  };
  const mirrored = totalCents < 0 || (totalCents === 0 && Math.sign(amountsUsd.find((amount) => amount !== 0) ?? 0) < 0);
  if (!mirrored) return canonical(amountsUsd, totalCents);
  return canonical(amountsUsd.map((amount) => -amount), -totalCents).map((cents) => (cents === 0 ? 0 : -cents));
}
