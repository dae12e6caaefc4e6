/** Test-only in-memory providers for Phase 0/1 tests: explicit bars per symbol, no network. */
import { tradingDaysBetween } from "@/lib/base/calendar";
import type {
  BarsResult, CorporateEvent, DailyBar, DateRange, FetchOptions, MarketDataProvider, ValuationResult,
} from "@/lib/market-data/types";

export interface FakeSeries {
  bars: DailyBar[];
  events?: CorporateEvent[];
}

/** A smooth deterministic series on the trading days of [from, to]: close = adjClose = base × (1 + 0.001·i). */
export function makeBars(from: string, to: string, base = 100): DailyBar[] {
  return tradingDaysBetween(from, to).map((date, i) => {
    const close = Math.round(base * (1 + 0.001 * i) * 10_000) / 10_000;
    return { date, open: close, high: close * 1.01, low: close * 0.99, close, adjClose: close, volume: 1000 + i };
  });
}

export class FakeProvider implements MarketDataProvider {
  readonly name = "simulated" as const;
  readonly calls: { symbol: string; range: DateRange }[] = [];
  readonly valuationCalls: string[][] = [];

  constructor(public series: Record<string, FakeSeries>, public valuations: Record<string, ValuationResult> = {}) {}

  async fetchDailyBars(symbol: string, range: DateRange, _options?: FetchOptions): Promise<BarsResult> {
    this.calls.push({ symbol, range });
    const series = this.series[symbol];
    if (!series) return { ok: false, symbol, error: { kind: "not_found", message: `unknown symbol ${symbol}`, attempts: 1 } };
    const inRange = (date: string) => date >= range.from && date <= range.to;
    return {
      ok: true, symbol, bars: series.bars.filter((bar) => inRange(bar.date)),
      events: (series.events ?? []).filter((event) => inRange(event.date)), rejectedBars: 0, rejectReasons: {},
    };
  }

  async fetchValuations(symbols: string[], _options?: FetchOptions): Promise<Map<string, ValuationResult>> {
    this.valuationCalls.push([...symbols]);
    return new Map(symbols.map((symbol) => [symbol, this.valuations[symbol] ?? { ok: false, error: { kind: "not_found", message: "unknown", attempts: 1 } }]));
  }
}
