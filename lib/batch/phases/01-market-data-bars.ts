/**
 * Phase 1 bar rules: which provider bars may be stored (never a bad number, R11) and when a provider's history
 * disagrees with what is stored (a corporate action, R11).
 */
import type { DailyBar } from "@/lib/market-data/types";
import type { StoredPrice } from "@/lib/db/market-data/read-market-data-coverage";

/** NUMERIC(14,4) holds < 1e10; below half a ten-thousandth a price would round to 0. */
const MAX_PRICE = 1e10;
const MIN_PRICE = 0.00005;
const MAX_VOLUME = 9e18;

export type LocalRejectReason = "invalid_number" | "high_below_low" | "outside_range" | "duplicate_date";

export interface ValidatedBars {
  bars: DailyBar[];
  rejected: number;
  reasons: Partial<Record<LocalRejectReason, number>>;
}

function isPrice(value: number | null): boolean {
  return value === null || (typeof value === "number" && Number.isFinite(value) && value >= MIN_PRICE && value < MAX_PRICE);
}

function rejectReason(bar: DailyBar, tradingDays: ReadonlySet<string>, seen: Set<string>): LocalRejectReason | null {
  if (!tradingDays.has(bar.date)) return "outside_range";
  if (seen.has(bar.date)) return "duplicate_date";
  if (bar.close === null || !isPrice(bar.close) || !isPrice(bar.adjClose) || !isPrice(bar.open) || !isPrice(bar.high) || !isPrice(bar.low)) {
    return "invalid_number";
  }
  if (bar.volume !== null && !(Number.isFinite(bar.volume) && bar.volume >= 0 && bar.volume < MAX_VOLUME)) return "invalid_number";
  if (bar.high !== null && bar.low !== null && bar.high < bar.low) return "high_below_low";
  return null;
}

/** Keeps bars on the given trading days with positive finite prices, high ≥ low and one bar per date. */
export function validateBars(bars: readonly DailyBar[], tradingDays: ReadonlySet<string>): ValidatedBars {
  const valid: DailyBar[] = [];
  const reasons: Partial<Record<LocalRejectReason, number>> = {};
  const seen = new Set<string>();
  let rejected = 0;
  for (const bar of bars) {
    const reason = rejectReason(bar, tradingDays, seen);
    if (reason === null) {
      seen.add(bar.date);
      valid.push(bar);
    } else {
      rejected += 1;
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
  }
  return { bars: valid, rejected, reasons };
}

/** close is stored with 4 decimals, adj_close with 8: tolerances sit above the rounding, far below any real action. */
export function storedPriceDisagrees(stored: StoredPrice, bar: DailyBar): boolean {
  if (Math.abs(stored.close - bar.close) > Math.max(1e-4, 1e-6 * Math.abs(bar.close))) return true;
  if (stored.adjClose === null || bar.adjClose === null) return false;
  return Math.abs(stored.adjClose - bar.adjClose) > Math.max(1e-8, 1e-6 * Math.abs(bar.adjClose));
}

export interface OverlapCheck {
  /** Bars whose date is not stored yet. */
  newBars: DailyBar[];
  compared: number;
  /** First date whose stored close/adj_close disagrees with the provider, if any. */
  mismatchDate: string | null;
}

export function compareWithStored(bars: readonly DailyBar[], stored: ReadonlyMap<string, StoredPrice> | undefined): OverlapCheck {
  const newBars: DailyBar[] = [];
  let compared = 0;
  let mismatchDate: string | null = null;
  for (const bar of bars) {
    const existing = stored?.get(bar.date);
    if (!existing) {
      newBars.push(bar);
      continue;
    }
    compared += 1;
    if (mismatchDate === null && storedPriceDisagrees(existing, bar)) mismatchDate = bar.date;
  }
  return { newBars, compared, mismatchDate };
}
