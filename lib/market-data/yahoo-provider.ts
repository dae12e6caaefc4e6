/**
 * Yahoo Finance provider on yahoo-finance2 (3.x): `chart()` for daily bars, `quoteSummary(summaryDetail)` for
 * valuations (R23). Concurrency, pacing, per-request timeouts, retries and the per-batch valuation timeout are
 * ours (the library has none); the library's own queue is left unbounded so that it never delays an attempt.
 *
 * Retried (max `maxAttempts`, delay retryBaseDelayMs · 2^(n−1) · U[1, 2), capped): HTTP 429, HTTP 5xx, network
 * errors, also during the cookie/crumb handshake. Not retried: 404 (not_found), other 4xx, invalid or
 * schema-failing bodies (invalid_data) and timeouts (a hung endpoint would only eat the batch budget).
 * Note: yahoo-finance2 3.x caches the crumb in module state, so the handshake runs at most once per process.
 */
import YahooFinance from "yahoo-finance2";
import { ExtendedCookieJar } from "yahoo-finance2/lib/cookieJar";
import { addCalendarDays } from "@/lib/base/calendar";
import { toProviderSymbol } from "@/lib/base/symbols";
import { classifyYahooError } from "./classify-yahoo-error";
import { createYahooFetch } from "./create-yahoo-fetch";
import { mapChartBars, mapChartEvents } from "./map-chart-result";
import { ProviderFailure, RequestScheduler, type RequestPolicy } from "./request-scheduler";
import {
  toFiniteOrNull,
  VALUATION_BATCH_SIZE,
  type BarsResult,
  type DateRange,
  type FetchOptions,
  type MarketDataProvider,
  type Valuation,
  type ValuationResult,
} from "./types";

export interface YahooProviderOptions extends Partial<RequestPolicy> {
  /** The fetch every request goes through (tests inject a replaying fetch). Default: globalThis.fetch at call time. */
  fetch?: typeof fetch;
  /** Each valuation batch is aborted, in-flight requests included, after this many ms (R23). Default 120 000. */
  valuationBatchTimeoutMs?: number;
  /** Symbols per valuation batch. Default 100. */
  valuationBatchSize?: number;
  /** Pause between valuation batches (R23). Default 500 ms. */
  valuationBatchPauseMs?: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  concurrency: 4,
  minIntervalMs: 250,
  requestTimeoutMs: 30_000,
  maxAttempts: 3,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 15_000,
};

const noop = () => {};
const SILENT_LOGGER = { info: noop, warn: noop, error: noop, debug: noop, dir: noop };
/** The library queue is global to the module; ours limits concurrency, so it must never be the bottleneck. */
const LIBRARY_QUEUE = { concurrency: 1_000, interval: 0 };

function mapSummaryDetail(detail: Record<string, unknown>): Valuation {
  return {
    trailingPE: toFiniteOrNull(detail.trailingPE),
    forwardPE: toFiniteOrNull(detail.forwardPE),
    beta: toFiniteOrNull(detail.beta),
    fiftyTwoWeekHigh: toFiniteOrNull(detail.fiftyTwoWeekHigh),
    fiftyTwoWeekLow: toFiniteOrNull(detail.fiftyTwoWeekLow),
    marketCap: toFiniteOrNull(detail.marketCap),
    // ETFs report their distribution yield as `yield` (a fraction, like dividendYield).
    dividendYield: toFiniteOrNull(detail.dividendYield) ?? toFiniteOrNull(detail.yield),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class YahooProvider implements MarketDataProvider {
  readonly name = "yahoo" as const;
  private readonly client: InstanceType<typeof YahooFinance>;
  private readonly scheduler: RequestScheduler;
  private readonly baseFetch: typeof fetch;
  private readonly batchTimeoutMs: number;
  private readonly batchSize: number;
  private readonly batchPauseMs: number;

  constructor(options: YahooProviderOptions = {}) {
    const { fetch: injected, valuationBatchTimeoutMs, valuationBatchSize, valuationBatchPauseMs, ...policy } = options;
    this.baseFetch = injected ?? ((input, init) => globalThis.fetch(input, init));
    this.scheduler = new RequestScheduler({ ...DEFAULT_REQUEST_POLICY, ...definedOnly(policy) }, classifyYahooError);
    this.batchTimeoutMs = valuationBatchTimeoutMs ?? 120_000;
    this.batchSize = valuationBatchSize ?? VALUATION_BATCH_SIZE;
    this.batchPauseMs = valuationBatchPauseMs ?? 500;
    this.client = new YahooFinance({
      cookieJar: new ExtendedCookieJar(), // the default jar is shared process-wide
      logger: SILENT_LOGGER,
      suppressNotices: ["yahooSurvey", "ripHistorical"],
      validation: { logErrors: false, logOptionsErrors: false },
      versionCheck: false, // otherwise a validation error triggers an untracked npm-registry fetch
      queue: LIBRARY_QUEUE,
    });
  }

  async fetchDailyBars(symbol: string, range: DateRange, options: FetchOptions = {}): Promise<BarsResult> {
    if (range.from > range.to) return { ok: true, symbol, bars: [], events: [], rejectedBars: 0, rejectReasons: {} };
    const providerSymbol = toProviderSymbol(symbol);
    if (!providerSymbol) return { ok: false, symbol, error: { kind: "not_found", message: "empty symbol", attempts: 0 } };
    const result = await this.scheduler.run(async (signal) => {
      const chart = await this.client.chart(
        providerSymbol,
        // period2 is exclusive at UTC midnight; the `to` bar is stamped 09:30 ET on `to`.
        { period1: range.from, period2: addCalendarDays(range.to, 1), interval: "1d", events: "div|split" },
        { fetch: createYahooFetch(this.baseFetch, signal), queue: LIBRARY_QUEUE },
      );
      if (!chart || !Array.isArray(chart.quotes)) throw new ProviderFailure("invalid_data", "chart result has no quotes", false);
      return chart;
    }, options.signal);
    if (!result.ok) return { ok: false, symbol, error: result.error };
    const mapped = mapChartBars(result.value.quotes, range);
    return { ok: true, symbol, ...mapped, events: mapChartEvents(result.value.events, range) };
  }

  async fetchValuations(symbols: string[], options: FetchOptions = {}): Promise<Map<string, ValuationResult>> {
    const results = new Map<string, ValuationResult>();
    const unique = [...new Set(symbols)];
    for (let start = 0; start < unique.length; start += this.batchSize) {
      if (start > 0 && this.batchPauseMs > 0) await sleep(this.batchPauseMs);
      const batch = unique.slice(start, start + this.batchSize);
      for (const [symbol, result] of await this.fetchValuationBatch(batch, options.signal)) results.set(symbol, result);
    }
    return results;
  }

  /** One batch under one deadline: when it fires, every in-flight request of the batch is aborted. */
  private async fetchValuationBatch(symbols: string[], outer?: AbortSignal): Promise<Map<string, ValuationResult>> {
    const deadline = new AbortController();
    const timeoutMs = this.batchTimeoutMs;
    const timer = setTimeout(
      () => deadline.abort(new Error(`valuation batch timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const signal = outer ? AbortSignal.any([deadline.signal, outer]) : deadline.signal;
    try {
      const settled = await Promise.all(symbols.map(async (symbol) => [symbol, await this.fetchValuation(symbol, signal)] as const));
      return new Map(settled);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchValuation(symbol: string, signal: AbortSignal): Promise<ValuationResult> {
    const providerSymbol = toProviderSymbol(symbol);
    if (!providerSymbol) return { ok: false, error: { kind: "not_found", message: "empty symbol", attempts: 0 } };
    const result = await this.scheduler.run(async (attemptSignal) => {
      const summary = await this.client.quoteSummary(
        providerSymbol,
        { modules: ["summaryDetail"] },
        { fetch: createYahooFetch(this.baseFetch, attemptSignal), queue: LIBRARY_QUEUE },
      );
      const detail = summary?.summaryDetail;
      if (!detail) throw new ProviderFailure("not_found", `no summaryDetail for ${providerSymbol}`, false);
      return mapSummaryDetail(detail);
    }, signal);
    return result.ok ? { ok: true, valuation: result.value } : { ok: false, error: result.error };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

