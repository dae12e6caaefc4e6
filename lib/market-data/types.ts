/**
 * The one market-data provider contract (R11, R23). Providers never throw for a batch:
 * every symbol gets its own typed result.
 */

/** ISO calendar date 'YYYY-MM-DD' (America/New_York trading date for bars). */
export type IsoDate = string;

export type ProviderName = "yahoo" | "simulated";

export type ProviderErrorKind =
  | "not_found"
  | "rate_limited"
  | "timed_out"
  | "invalid_data"
  | "network"
  | "provider_error";

export interface ProviderError {
  kind: ProviderErrorKind;
  message: string;
  /** Requests made for this symbol (1 when it was never retried; 0 when it was never sent). */
  attempts: number;
}

/** One daily bar. `close` is the raw close (splits applied as of download, no dividend adjustment). */
export interface DailyBar {
  date: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  /** Split- and dividend-adjusted close; null when the provider sent none. */
  adjClose: number | null;
  volume: number | null;
}

export interface CorporateEvent {
  date: IsoDate;
  kind: "split" | "dividend";
  /** Split: new shares per old share (4 for a 4:1 split). */
  ratio?: number;
  /** Dividend: cash per share in the quote currency. */
  amount?: number;
}

export type BarRejectReason =
  | "missing_close"
  | "non_positive_close"
  | "invalid_adj_close"
  | "high_below_low"
  | "duplicate_date";

export type BarsResult =
  | {
      ok: true;
      symbol: string;
      bars: DailyBar[];
      events: CorporateEvent[];
      /** Bars the provider sent that failed validation and were dropped. */
      rejectedBars: number;
      rejectReasons: Partial<Record<BarRejectReason, number>>;
    }
  | { ok: false; symbol: string; error: ProviderError };

/** Inclusive date range of trading dates, 'YYYY-MM-DD'. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface FetchOptions {
  signal?: AbortSignal;
}

/** summaryDetail valuation fields (R23). Every field is null when missing, NaN or empty. */
export interface Valuation {
  trailingPE: number | null;
  forwardPE: number | null;
  beta: number | null;
  fiftyTwoWeekHigh: number | null;
  fiftyTwoWeekLow: number | null;
  marketCap: number | null;
  /** A fraction (0.0041 = 0.41 %). */
  dividendYield: number | null;
}

export type ValuationResult = { ok: true; valuation: Valuation } | { ok: false; error: ProviderError };

export interface MarketDataProvider {
  readonly name: ProviderName;
  /** Daily bars for `symbol` (storage form, e.g. 'BRK.B') on trading dates in [range.from, range.to]. */
  fetchDailyBars(symbol: string, range: DateRange, options?: FetchOptions): Promise<BarsResult>;
  /** Valuations keyed by the requested symbol (storage form). Meant for ≤ 100 symbols per call. */
  fetchValuations(symbols: string[], options?: FetchOptions): Promise<Map<string, ValuationResult>>;
}

/** The recommended batch size for fetchValuations (R23). */
export const VALUATION_BATCH_SIZE = 100;

/** Maps NaN, ±Infinity, empty strings and non-numbers to null. */
export function toFiniteOrNull(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}
