/**
 * A scenario a user writes: returns on any of the seven return factors (Market, and styles relative to the market)
 * and a rate change in basis points. One rule for the bounds and one for the words that describe it, used by the
 * API, the builder and the saved scenario.
 */
import { STRESS_FACTORS, type StressFactor } from "./stress-factors";
import { BASIS_POINTS_PER_UNIT, STRESS_SHOCK_BOUNDS } from "./stress-scenarios";

export type ReturnFactor = Exclude<StressFactor, "Interest Rate">;
export const RETURN_FACTORS = STRESS_FACTORS.filter((factor): factor is ReturnFactor => factor !== "Interest Rate");

export interface CustomScenarioShocks {
  /** Decimal returns (−0.1 = −10%); styles are returns in excess of the market. Absent or null: not shocked. */
  returnShocks: Partial<Record<ReturnFactor, number | null>>;
  /** Change of long yields in basis points (+50 = +0.50 percentage points). Absent or null: not shocked. */
  rateShockBp?: number | null;
}

/** A field the user typed and what is wrong with it, e.g. { field: "Market", message: "must be a return …" }. */
export interface ShockError {
  field: string;
  message: string;
}

/**
 * The engine's shocks (Interest Rate as a decimal yield change), or one error per field out of bounds: returns from
 * −100% to +300%, rates within ±2,000 bp, at least one factor shocked.
 */
export function toScenarioShocks(input: CustomScenarioShocks): { shocks: Partial<Record<StressFactor, number>> } | { errors: ShockError[] } {
  const errors: ShockError[] = [];
  const shocks: Partial<Record<StressFactor, number>> = {};
  const { minReturn, maxReturn, maxRateChangeBp } = STRESS_SHOCK_BOUNDS;
  for (const [factor, value] of Object.entries(input.returnShocks)) {
    if (value === null || value === undefined) continue;
    if (!(RETURN_FACTORS as readonly string[]).includes(factor)) {
      errors.push({ field: factor, message: `is not a factor; use ${RETURN_FACTORS.join(", ")} and a rate shock in basis points.` });
    } else if (!Number.isFinite(value) || value < minReturn || value > maxReturn) {
      errors.push({ field: factor, message: `must be a return between ${minReturn * 100}% and +${maxReturn * 100}%, got ${formatPercent(value)}.` });
    } else {
      shocks[factor as ReturnFactor] = value;
    }
  }
  const bp = input.rateShockBp;
  if (bp !== null && bp !== undefined) {
    if (!Number.isFinite(bp) || Math.abs(bp) > maxRateChangeBp) {
      const limit = maxRateChangeBp.toLocaleString("en-US");
      errors.push({ field: "Rates", message: `must change by between −${limit} and +${limit} bp, got ${bp} bp.` });
    } else {
      shocks["Interest Rate"] = bp / BASIS_POINTS_PER_UNIT;
    }
  }
  if (errors.length === 0 && Object.keys(shocks).length === 0) {
    errors.push({ field: "Shocks", message: "set at least one: a factor return or a rate change." });
  }
  return errors.length > 0 ? { errors } : { shocks };
}

/** "Market −10%, Quality vs market +5%, rates +50 bp", in factor order. */
export function describeScenarioShocks(shocks: Readonly<Partial<Record<StressFactor, number>>>): string {
  return STRESS_FACTORS.flatMap((factor) => {
    const value = shocks[factor];
    if (value === undefined) return [];
    if (factor === "Interest Rate") return [`rates ${signed(round(value * BASIS_POINTS_PER_UNIT, 2))} bp`];
    return [`${factor === "Market" ? "Market" : `${factor} vs market`} ${formatPercent(value)}`];
  }).join(", ");
}

function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${signed(round(value * 100, 4))}%` : String(value);
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : "0";
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
