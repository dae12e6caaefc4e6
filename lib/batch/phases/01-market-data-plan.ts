/**
 * Phase 1 planning (R19, R11): per symbol, which trading days of [calcDate − 365 days, calcDate] are missing, and
 * the one range to fetch for it. Set-based: three queries whatever the number of symbols.
 */
import { addCalendarDays, tradingDaysBetween, tradingDaysBetweenCount } from "@/lib/base/calendar";
import { getMarketDataCoverage, getMarketDataGaps, listStoredPrices, type StoredPrice } from "@/lib/db/market-data/read-market-data-coverage";

export const MARKET_DATA_LOOKBACK_DAYS = 365;

export interface FetchPlan {
  symbol: string;
  /** First date to fetch; the range always ends at the calc date. */
  from: string;
  /** 'full': nothing stored in the window (rows can be COPYed); 'gap': some rows stored (merge and cross-check). */
  kind: "full" | "gap";
  missingDays: number;
}

export interface MarketDataPlan {
  window: { from: string; to: string };
  tradingDays: string[];
  cached: string[];
  plans: FetchPlan[];
  /** Stored close/adj_close of the dates a 'gap' fetch overlaps, per symbol. */
  stored: Map<string, Map<string, StoredPrice>>;
  mode: "cached" | "incremental" | "gap_fill" | "full_backfill";
}

export function marketDataWindow(calcDate: string): { from: string; to: string } {
  return { from: addCalendarDays(calcDate, -MARKET_DATA_LOOKBACK_DAYS), to: calcDate };
}

function fetchMode(plans: readonly FetchPlan[], calcDate: string): MarketDataPlan["mode"] {
  if (plans.length === 0) return "cached";
  // The earliest start spans the most trading days: one count, not one per symbol (each walks a year of days).
  const earliest = plans.reduce((first, plan) => (plan.from < first ? plan.from : first), plans[0].from);
  const span = tradingDaysBetweenCount(earliest, calcDate) + 1;
  if (span <= 7) return "incremental";
  return span <= 30 ? "gap_fill" : "full_backfill";
}

export async function planMarketDataFetches(symbols: readonly string[], calcDate: string): Promise<MarketDataPlan> {
  const window = marketDataWindow(calcDate);
  const tradingDays = tradingDaysBetween(window.from, window.to);
  const coverage = await getMarketDataCoverage(symbols, window);
  const cached: string[] = [];
  const plans: FetchPlan[] = [];
  const partial: string[] = [];
  for (const symbol of symbols) {
    const entry = coverage.get(symbol);
    if (!entry || entry.rows === 0) plans.push({ symbol, from: tradingDays[0], kind: "full", missingDays: tradingDays.length });
    else if (entry.rows >= tradingDays.length && entry.hasCalcDate) cached.push(symbol);
    else partial.push(symbol);
  }
  const gaps = await getMarketDataGaps(partial, tradingDays);
  const gapPlans: FetchPlan[] = [];
  for (const symbol of partial) {
    const gap = gaps.get(symbol);
    if (!gap) cached.push(symbol);
    else gapPlans.push({ symbol, from: gap.anchorDate ?? gap.firstMissing, kind: "gap", missingDays: gap.missingCount });
  }
  const stored = await listStoredPrices(gapPlans.map((plan) => ({ symbol: plan.symbol, from: plan.from })), calcDate);
  plans.push(...gapPlans);
  return { window, tradingDays, cached, plans, stored, mode: fetchMode(plans, calcDate) };
}
