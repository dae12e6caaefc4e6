/**
 * Maps a yahoo-finance2 `chart()` result (array form) to validated daily bars and corporate events.
 * A bar's date is its America/New_York calendar date: Yahoo stamps daily bars at the 09:30 ET session open.
 */
import type { BarRejectReason, CorporateEvent, DailyBar, DateRange } from "./types";
import { toFiniteOrNull } from "./types";

export interface ChartQuoteLike {
  date: Date;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  adjclose?: number | null;
}

export interface ChartEventsLike {
  dividends?: Array<{ date: Date; amount: number }>;
  splits?: Array<{ date: Date; numerator: number; denominator: number }>;
}

export interface MappedBars {
  bars: DailyBar[];
  rejectedBars: number;
  rejectReasons: Partial<Record<BarRejectReason, number>>;
}

const NEW_YORK_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The America/New_York calendar date of an instant, 'YYYY-MM-DD'. */
export function toNewYorkDate(instant: Date): string {
  return NEW_YORK_DATE.format(instant);
}

const inRange = (date: string, range: DateRange) => date >= range.from && date <= range.to;

function rejectReasonOf(bar: ChartQuoteLike): BarRejectReason | null {
  const close = bar.close;
  if (close === null || close === undefined || Number.isNaN(close)) return "missing_close";
  if (!Number.isFinite(close) || close <= 0) return "non_positive_close";
  const adj = bar.adjclose;
  if (adj !== null && adj !== undefined && !(Number.isFinite(adj) && adj > 0)) return "invalid_adj_close";
  const high = toFiniteOrNull(bar.high);
  const low = toFiniteOrNull(bar.low);
  if (high !== null && low !== null && high < low) return "high_below_low";
  return null;
}

/** Bars inside `range`, ascending, one per date (the last one wins); invalid bars are counted, not returned. */
export function mapChartBars(quotes: readonly ChartQuoteLike[], range: DateRange): MappedBars {
  const byDate = new Map<string, DailyBar>();
  const rejectReasons: Partial<Record<BarRejectReason, number>> = {};
  let rejectedBars = 0;
  const reject = (reason: BarRejectReason) => {
    rejectedBars += 1;
    rejectReasons[reason] = (rejectReasons[reason] ?? 0) + 1;
  };
  for (const quote of quotes) {
    const date = toNewYorkDate(quote.date);
    if (!inRange(date, range)) continue;
    const reason = rejectReasonOf(quote);
    if (reason) {
      reject(reason);
      continue;
    }
    if (byDate.has(date)) reject("duplicate_date");
    byDate.set(date, {
      date,
      open: toFiniteOrNull(quote.open),
      high: toFiniteOrNull(quote.high),
      low: toFiniteOrNull(quote.low),
      close: quote.close as number,
      adjClose: toFiniteOrNull(quote.adjclose),
      volume: toFiniteOrNull(quote.volume),
    });
  }
  const bars = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { bars, rejectedBars, rejectReasons };
}

/** Splits (ratio = numerator / denominator) and dividends inside `range`, ascending by date. */
export function mapChartEvents(events: ChartEventsLike | undefined, range: DateRange): CorporateEvent[] {
  const mapped: CorporateEvent[] = [];
  for (const split of events?.splits ?? []) {
    const ratio = split.numerator / split.denominator;
    const date = toNewYorkDate(split.date);
    if (Number.isFinite(ratio) && ratio > 0 && inRange(date, range)) mapped.push({ date, kind: "split", ratio });
  }
  for (const dividend of events?.dividends ?? []) {
    const date = toNewYorkDate(dividend.date);
    const amount = toFiniteOrNull(dividend.amount);
    if (amount !== null && inRange(date, range)) mapped.push({ date, kind: "dividend", amount });
  }
  return mapped.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}
