/**
 * One simulated instrument: planted betas, price level, corporate-action schedule and the static draws behind its
 * valuations. Everything is a pure function of (seed, ticker).
 */
import { isTradingDay, nextTradingDay } from "@/lib/base/calendar";
import { createSeededUniform } from "@/lib/math/seeded-uniform";
import { isListedTickerSyntax } from "@/lib/base/symbols";
import { drawPriceLevelUsd, REFERENCE_PRICE_LEVELS_USD, RESERVED_UNKNOWN_PREFIX } from "./simulated-price-levels";
import { hashKey } from "./simulated-random";
import {
  CORPORATE_ACTION_HORIZON, DELISTINGS, EQUITY_OVERRIDES, FACTOR_ETFS, SECTOR_PROFILES, SIMULATED_EQUITIES,
  genericEquity, SIMULATION_START, SPLIT_SCHEDULE, STYLE_ETF, SYNTHETIC_LISTING_START, SYNTHETIC_TICKER, syntheticEquity,
  type FactorEtf, type SimulatedEquity,
} from "./simulated-universe";

export type Style = keyof typeof STYLE_ETF;
export const STYLES = Object.keys(STYLE_ETF) as Style[];

/** Planted betas of an equity: market on SPY returns, rates on TLT returns, styles on style-excess returns. */
export interface PlantedBetas {
  market: number;
  rates: number;
  value: number;
  growth: number;
  momentum: number;
  quality: number;
  size: number;
  lowvol: number;
  /** Daily standard deviation of the idiosyncratic return. */
  idiosyncraticSd: number;
}

export interface ScheduledEvent {
  date: string;
  kind: "split" | "dividend";
  /** Split ratio, or the dividend as a fraction of the pre-dividend price. */
  value: number;
}

export interface Instrument {
  ticker: string;
  kind: "equity" | "etf";
  equity: SimulatedEquity | null;
  etf: FactorEtf | null;
  listedFrom: string;
  delistedAfter: string | null;
  betas: PlantedBetas | null;
  /** Price level on the listing date, before any split (rescaled by the market to `levelUsd` when that is set). */
  p0: number;
  /** Raw close wanted on the price-level date, or null to keep the drawn listing price (benchmark tickers). */
  levelUsd: number | null;
  events: readonly ScheduledEvent[];
  /** Π over every scheduled event of (1 − y) or 1 / ratio: adjClose = p0 · TR · adjustmentAll. */
  adjustmentAll: number;
  annualDividendYield: number;
  baseTrailingPE: number | null;
  /** Shares outstanding before any scheduled split (null for ETFs). */
  sharesBeforeSplits: number | null;
  baseVolume: number;
  /** Approximate daily volatility, for the OHLC spread. */
  dailySd: number;
  returnKey: number;
  ohlcKey: number;
  valuationKey: number;
}

export const EQUITY_BY_TICKER = new Map(SIMULATED_EQUITIES.map((equity) => [equity.ticker, equity]));
export const ETF_BY_TICKER = new Map(FACTOR_ETFS.map((etf) => [etf.ticker as string, etf]));

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

const onOrAfterCache = new Map<string, string>();

function tradingDayOnOrAfter(date: string): string {
  let day = onOrAfterCache.get(date);
  if (day === undefined) {
    day = isTradingDay(date) ? date : nextTradingDay(date);
    onOrAfterCache.set(date, day);
  }
  return day;
}

function dividendSchedule(key: number, annualYield: number, listedFrom: string, lastDate: string): ScheduledEvent[] {
  if (!(annualYield > 0)) return [];
  const uniform = createSeededUniform(key);
  const firstMonth = 1 + Math.floor(uniform() * 3);
  const day = 3 + Math.floor(uniform() * 22);
  const events: ScheduledEvent[] = [];
  for (let year = Number(listedFrom.slice(0, 4)); year <= Number(lastDate.slice(0, 4)); year += 1) {
    for (let month = firstMonth; month <= 12; month += 3) {
      const nominal = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      const date = tradingDayOnOrAfter(nominal);
      if (date > listedFrom && date <= lastDate) events.push({ date, kind: "dividend", value: annualYield / 4 });
    }
  }
  return events;
}

function plantEquityBetas(equity: SimulatedEquity, uniform: () => number, synthetic: boolean): PlantedBetas {
  const profile = SECTOR_PROFILES[equity.sector];
  const override = EQUITY_OVERRIDES[equity.ticker] ?? {};
  const jitter = (width: number) => (uniform() * 2 - 1) * width;
  const market = override.market ?? profile.betas.market + jitter(synthetic ? 0.4 : 0.2);
  const betas = { market: round(market, 4), rates: round(profile.betas.rates + jitter(0.1), 4) } as PlantedBetas;
  for (const style of STYLES) betas[style] = round(profile.betas[style] + jitter(0.15), 4);
  betas.idiosyncraticSd = override.idioSd ?? round(profile.idioSd * (0.8 + 0.45 * uniform()), 5);
  return betas;
}

/** Name and sector of the equity behind a ticker: listed, benchmark-synthetic, or any other valid ticker. */
export function resolveSimulatedEquity(ticker: string): SimulatedEquity | null {
  if (ETF_BY_TICKER.has(ticker) || !isSimulatedTicker(ticker)) return null;
  if (SYNTHETIC_TICKER.test(ticker)) return syntheticEquity(ticker);
  return EQUITY_BY_TICKER.get(ticker) ?? genericEquity(ticker, createSeededUniform(hashKey(`sector:${ticker}`))());
}

/** Every syntactically valid public ticker is priced, except the reserved unknown prefix. */
export function isSimulatedTicker(ticker: string): boolean {
  return isListedTickerSyntax(ticker) && ticker === ticker.toUpperCase() && !ticker.startsWith(RESERVED_UNKNOWN_PREFIX);
}

export function buildInstrument(seed: number, ticker: string): Instrument | null {
  const etf = ETF_BY_TICKER.get(ticker) ?? null;
  const synthetic = !etf && SYNTHETIC_TICKER.test(ticker);
  const known = etf !== null || EQUITY_BY_TICKER.has(ticker);
  const equity = etf ? null : resolveSimulatedEquity(ticker);
  if (!etf && !equity) return null;
  const uniform = createSeededUniform(hashKey(`${seed}:${ticker}:static`));
  const listedFrom = synthetic ? SYNTHETIC_LISTING_START : SIMULATION_START;
  const delistedAfter = DELISTINGS[ticker] ?? null;
  const betas = equity ? plantEquityBetas(equity, uniform, synthetic || !known) : null;
  const override = EQUITY_OVERRIDES[ticker] ?? {};
  const profile = equity ? SECTOR_PROFILES[equity.sector] : null;
  const annualDividendYield = etf
    ? etf.dividendYield
    : round(override.dividendYield ?? profile!.dividendYield * (0.6 + 0.8 * uniform()), 4);
  const lastEventDate = delistedAfter && delistedAfter < CORPORATE_ACTION_HORIZON ? delistedAfter : CORPORATE_ACTION_HORIZON;
  const splits = (SPLIT_SCHEDULE[ticker] ?? []).map((s): ScheduledEvent => ({ date: s.date, kind: "split", value: s.ratio }));
  const events = [...splits, ...dividendSchedule(hashKey(`${seed}:${ticker}:dividends`), annualDividendYield, listedFrom, lastEventDate)]
    .sort((a, b) => a.date.localeCompare(b.date));
  const splitProduct = splits.reduce((product, s) => product * s.value, 1);
  const adjustmentAll = events.reduce((acc, ev) => acc * (ev.kind === "split" ? 1 / ev.value : 1 - ev.value), 1);
  const sharesNow = (override.sharesBn ?? Math.exp(Math.log(0.25) + uniform() * Math.log(16))) * 1e9;
  const dailySd = etf ? Math.max(0.003, Math.abs(etf.loadings.market ?? 0) * 0.0105 + etf.idioSd) : Math.hypot(betas!.market * 0.0105, betas!.idiosyncraticSd);
  return {
    ticker, kind: etf ? "etf" : "equity", equity, etf, listedFrom, delistedAfter, betas,
    p0: round((30 + 220 * uniform()) * splitProduct, 4),
    levelUsd: synthetic ? null
      : (REFERENCE_PRICE_LEVELS_USD[ticker] ?? drawPriceLevelUsd(createSeededUniform(hashKey(`${seed}:${ticker}:level`))())),
    events, adjustmentAll, annualDividendYield,
    baseTrailingPE: etf ? etf.trailingPE : (override.trailingPE ?? profile!.trailingPE * (0.75 + 0.5 * uniform())),
    sharesBeforeSplits: etf ? null : sharesNow / splitProduct,
    baseVolume: Math.exp(Math.log(1e6) + uniform() * Math.log(60)),
    dailySd,
    returnKey: hashKey(`${seed}:${ticker}:returns`),
    ohlcKey: hashKey(`${seed}:${ticker}:ohlc`),
    valuationKey: hashKey(`${seed}:${ticker}:valuation`),
  };
}
