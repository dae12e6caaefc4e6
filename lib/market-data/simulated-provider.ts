/**
 * The default provider: serves the deterministic simulated market (simulated-market.ts). Bars exist for trading
 * days from the listing date through the latest completed trading day at `now()` (never in the future); a delisted
 * symbol's bars stop at its delisting date and ranges that start after it answer not_found, as do its valuations.
 */
import { isIsoDate, latestCompletedTradingDay } from "@/lib/base/calendar";
import { isPrivateSymbol, normalizeSymbol } from "@/lib/base/symbols";
import { RESERVED_UNKNOWN_PREFIX } from "./simulated-price-levels";
import { normalAt } from "./simulated-random";
import { DEFAULT_SIMULATED_SEED, getSimulatedMarket, type Instrument, type SimulatedMarket } from "./simulated-market";
import type {
  BarsResult, CorporateEvent, DailyBar, DateRange, FetchOptions, MarketDataProvider, ProviderError, Valuation,
  ValuationResult,
} from "./types";

export interface SimulatedProviderOptions {
  seed?: number;
  /** The clock that bounds bars and dates valuations. Default: the wall clock. */
  now?: () => Date;
}

const FIFTY_TWO_WEEKS = 252;

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

function unknownSymbolMessage(symbol: string, normalized: string): string {
  return normalized.startsWith(RESERVED_UNKNOWN_PREFIX)
    ? `unknown symbol ${symbol} in the simulated market (tickers starting with ${RESERVED_UNKNOWN_PREFIX} are reserved as unknown)`
    : `unknown symbol ${symbol} in the simulated market (not a valid ticker)`;
}

const isProviderError = (value: object): value is ProviderError => "attempts" in value;

const failure = (kind: ProviderError["kind"], message: string): ProviderError => ({ kind, message, attempts: 1 });

interface CloseSeries {
  /** Day index of closes[0]. */
  from: number;
  closes: Float64Array;
  adjCloses: Float64Array;
  /** Cumulative split product up to each day (raw close × it = price in listing-date shares). */
  splitFactors: Float64Array;
  returns: Float64Array;
  events: CorporateEvent[];
}

/** Raw and adjusted closes for day indices [from, to] (both within the listing), with the events on those days. */
function closeSeries(market: SimulatedMarket, instrument: Instrument, from: number, to: number): CloseSeries {
  const { path, start } = market.totalReturnPath(instrument, to);
  const n = to - from + 1;
  const series: CloseSeries = {
    from, closes: new Float64Array(n), adjCloses: new Float64Array(n), splitFactors: new Float64Array(n),
    returns: new Float64Array(n), events: [],
  };
  let dividendFactor = 1;
  let splitFactor = 1;
  let next = 0;
  const events = instrument.events;
  const firstDay = market.days[from];
  for (; next < events.length && events[next].date < firstDay; next += 1) {
    if (events[next].kind === "split") splitFactor *= events[next].value;
    else dividendFactor *= 1 - events[next].value;
  }
  for (let i = from; i <= to; i += 1) {
    const day = market.days[i];
    const todays: typeof events[number][] = [];
    for (; next < events.length && events[next].date <= day; next += 1) {
      const event = events[next];
      if (event.kind === "split") splitFactor *= event.value;
      else dividendFactor *= 1 - event.value;
      if (event.date === day) todays.push(event);
    }
    const k = i - start;
    const close = (instrument.p0 * path[k] * dividendFactor) / splitFactor;
    series.closes[i - from] = close;
    series.adjCloses[i - from] = instrument.p0 * path[k] * instrument.adjustmentAll;
    series.splitFactors[i - from] = splitFactor;
    series.returns[i - from] = k > 0 ? path[k] / path[k - 1] - 1 : 0;
    for (const event of todays) {
      series.events.push(event.kind === "split"
        ? { date: day, kind: "split", ratio: event.value }
        : { date: day, kind: "dividend", amount: round((close * event.value) / (1 - event.value), 4) });
    }
  }
  return series;
}

function toBars(market: SimulatedMarket, instrument: Instrument, series: CloseSeries): DailyBar[] {
  const bars: DailyBar[] = new Array(series.closes.length);
  const noise: [number, number] = [0, 0];
  const sd = instrument.dailySd;
  for (let j = 0; j < series.closes.length; j += 1) {
    const i = series.from + j;
    const close = series.closes[j];
    const previousInTodaysBasis = close / (1 + series.returns[j]);
    const [gap, wick] = market.ohlcNoise(instrument, i, noise);
    const open = previousInTodaysBasis * (1 + 0.3 * sd * gap);
    const high = Math.max(open, close) * (1 + 0.5 * sd * Math.abs(wick));
    const [tail, volumeShock] = market.volumeNoise(instrument, i, noise);
    const low = Math.min(open, close) * (1 - Math.min(0.5, 0.5 * sd * Math.abs(tail)));
    bars[j] = {
      date: market.days[i],
      open: round(open, 4),
      high: round(high, 4),
      low: round(low, 4),
      close: round(close, 4),
      adjClose: round(series.adjCloses[j], 6),
      volume: Math.round(instrument.baseVolume * Math.exp(0.35 * volumeShock)),
    };
  }
  return bars;
}

export class SimulatedProvider implements MarketDataProvider {
  readonly name = "simulated" as const;
  private readonly market: SimulatedMarket;
  private readonly now: () => Date;

  private latestCache = { minute: Number.NaN, day: "" };

  constructor(options: SimulatedProviderOptions = {}) {
    this.market = getSimulatedMarket(options.seed ?? DEFAULT_SIMULATED_SEED);
    this.now = options.now ?? (() => new Date());
  }

  /** The latest completed trading day at now(), recomputed at most once per clock minute. */
  private latestTradingDay(): string {
    const now = this.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.latestCache.minute) this.latestCache = { minute, day: latestCompletedTradingDay(now) };
    return this.latestCache.day;
  }

  private resolve(symbol: string): Instrument | ProviderError {
    const normalized = normalizeSymbol(symbol);
    if (!normalized || isPrivateSymbol(normalized)) return failure("not_found", `${symbol} is not a listed symbol`);
    return this.market.instrument(normalized) ?? failure("not_found", unknownSymbolMessage(symbol, normalized));
  }

  async fetchDailyBars(symbol: string, range: DateRange, options: FetchOptions = {}): Promise<BarsResult> {
    if (options.signal?.aborted) return { ok: false, symbol, error: failure("timed_out", "aborted by caller") };
    if (!isIsoDate(range.from) || !isIsoDate(range.to)) {
      return { ok: false, symbol, error: failure("provider_error", `invalid range ${range.from}..${range.to}`) };
    }
    const instrument = this.resolve(symbol);
    if (isProviderError(instrument)) return { ok: false, symbol, error: instrument };
    const { delistedAfter, listedFrom } = instrument;
    if (delistedAfter && range.from > delistedAfter) {
      return { ok: false, symbol, error: failure("not_found", `${symbol} was delisted after ${delistedAfter}`) };
    }
    const latest = this.latestTradingDay();
    const last = [range.to, latest, delistedAfter ?? range.to].reduce((a, b) => (a < b ? a : b));
    const first = range.from > listedFrom ? range.from : listedFrom;
    const empty = { ok: true as const, symbol, bars: [], events: [], rejectedBars: 0, rejectReasons: {} };
    if (first > last) return empty;
    this.market.ensureHorizon(last);
    const from = this.market.firstIndexOnOrAfter(first);
    const to = this.market.firstIndexOnOrAfter(last) - (this.market.indexOf(last) === undefined ? 1 : 0);
    if (from > to) return empty;
    const series = closeSeries(this.market, instrument, from, to);
    return { ...empty, bars: toBars(this.market, instrument, series), events: series.events };
  }

  async fetchValuations(symbols: string[], options: FetchOptions = {}): Promise<Map<string, ValuationResult>> {
    const asOf = this.latestTradingDay();
    const results = new Map<string, ValuationResult>();
    for (const symbol of symbols) {
      if (options.signal?.aborted) {
        results.set(symbol, { ok: false, error: failure("timed_out", "aborted by caller") });
        continue;
      }
      const valuation = this.valuation(symbol, asOf);
      results.set(symbol, isProviderError(valuation) ? { ok: false, error: valuation } : { ok: true, valuation });
    }
    return results;
  }

  /** summaryDetail-like valuation as of the trading day `asOf`. */
  valuation(symbol: string, asOf: string): Valuation | ProviderError {
    const instrument = this.resolve(symbol);
    if (isProviderError(instrument)) return instrument;
    if (instrument.delistedAfter && asOf > instrument.delistedAfter) {
      return failure("not_found", `${symbol} was delisted after ${instrument.delistedAfter}`);
    }
    if (asOf < instrument.listedFrom) return failure("not_found", `${symbol} is not listed on ${asOf}`);
    this.market.ensureHorizon(asOf);
    const k = this.market.firstIndexOnOrAfter(asOf) - (this.market.indexOf(asOf) === undefined ? 1 : 0);
    const listed = this.market.firstIndexOnOrAfter(instrument.listedFrom);
    const series = closeSeries(this.market, instrument, Math.max(listed, k - FIFTY_TWO_WEEKS + 1), k);
    const last = series.closes.length - 1;
    const close = series.closes[last];
    // 52-week range on split-adjusted closes (today's share basis), as Yahoo reports it.
    let high = -Infinity;
    let low = Infinity;
    for (let j = 0; j <= last; j += 1) {
      const adjusted = (series.closes[j] * series.splitFactors[j]) / series.splitFactors[last];
      high = Math.max(high, adjusted);
      low = Math.min(low, adjusted);
    }
    return this.describe(instrument, k, close, series.splitFactors[last], high, low);
  }

  private describe(instrument: Instrument, k: number, close: number, splitFactor: number, high: number, low: number): Valuation {
    const isEtf = instrument.kind === "etf";
    const base = instrument.baseTrailingPE;
    const noise = this.market.valuationNoise(instrument, k);
    const trailingPE = base === null ? null : round(Math.min(60, Math.max(8, base * Math.exp((isEtf ? 0.03 : 0.1) * noise))), 2);
    const staticDraw = normalAt(instrument.valuationKey ^ 0x2545f491, 0); // per symbol, not per day
    return {
      trailingPE,
      forwardPE: isEtf || trailingPE === null ? null : round(trailingPE * (0.86 + 0.04 * staticDraw), 2),
      beta: instrument.betas ? round(instrument.betas.market + 0.06 * staticDraw, 3) : null,
      fiftyTwoWeekHigh: round(high, 4),
      fiftyTwoWeekLow: round(low, 4),
      marketCap: instrument.sharesBeforeSplits === null ? null : Math.round(round(close, 4) * instrument.sharesBeforeSplits * splitFactor),
      dividendYield: instrument.annualDividendYield > 0 ? round(instrument.annualDividendYield, 4) : null,
    };
  }
}

