/**
 * The simulated market: a deterministic factor model for (seed, symbol, date).
 *
 * - Eight latent daily factor shocks (market, value, growth, momentum, quality, size, lowvol, rates) are drawn
 *   from a hash of (seed, factor, date); the 17 ETFs are linear in them plus their own noise.
 * - Each equity's daily total return is
 *     r = β_mkt·r_SPY + β_rates·r_TLT + Σ_style β_style·(r_styleETF − m_styleETF·r_SPY) + σ_idio·ε(seed, symbol, date)
 *   where m_styleETF is that ETF's market loading, so every regressor besides SPY is uncorrelated with SPY and an OLS
 *   of the stock on SPY alone recovers β_mkt. The planted betas are exported via `getPlantedBetas`.
 * - The total-return index is a cumulative product from the listing date (2015-01-02, synthetic tickers 2023-01-03):
 *   the only sequential state. Raw close = P0 · TR · Π(1 − y) over past ex-dates / Π split ratios of past splits, so
 *   it drops by the dividend on ex-dates and by the ratio on split dates. adjClose = P0 · TR · C, with C the product
 *   of every scheduled event's factor: continuous, range-independent, below close before each ex-date, and equal to
 *   close after the last scheduled event (CORPORATE_ACTION_HORIZON).
 */
import { tradingDaysBetween } from "@/lib/base/calendar";
import { isRequiredEtf } from "./etfs";
import {
  buildInstrument, ETF_BY_TICKER, isSimulatedTicker, resolveSimulatedEquity, STYLES, type Instrument, type PlantedBetas,
  type Style,
} from "./simulated-instrument";
import { PRICE_LEVEL_DATE } from "./simulated-price-levels";
import { hashKey, normalAt, normalPairAt } from "./simulated-random";
import {
  FACTOR_ETFS, LATENT_FACTOR_MOMENTS, LATENT_FACTORS, SIMULATED_EQUITIES, SIMULATION_START, STYLE_ETF,
  type LatentFactor, type SimulatedEquity,
} from "./simulated-universe";

export const DEFAULT_SIMULATED_SEED = 42;

const MS_PER_DAY = 86_400_000;
const PATH_CACHE_LIMIT = 1_024;

/** Trading days from SIMULATION_START and every series indexed by them; grows on demand. */
export class SimulatedMarket {
  days: string[] = [];
  private dayIndex = new Map<string, number>();
  private dayNumbers = new Int32Array(0);
  private etfReturns = new Map<string, Float64Array>();
  private styleExcess = new Map<Style, Float64Array>();
  private readonly instruments = new Map<string, Instrument | null>();
  private readonly paths = new Map<string, Float64Array>();

  constructor(readonly seed: number) {}

  instrument(ticker: string): Instrument | null {
    if (!this.instruments.has(ticker)) {
      const instrument = buildInstrument(this.seed, ticker);
      if (instrument) this.calibrateLevel(instrument);
      this.instruments.set(ticker, instrument);
    }
    return this.instruments.get(ticker) ?? null;
  }

  /**
   * Rescales the listing price so the raw close on the price-level date is the instrument's level. Returns (and so
   * the total-return path) do not depend on the listing price, so this changes levels only.
   */
  private calibrateLevel(instrument: Instrument): void {
    const { levelUsd, delistedAfter } = instrument;
    if (levelUsd === null || (delistedAfter !== null && delistedAfter < PRICE_LEVEL_DATE)) return;
    this.ensureHorizon(PRICE_LEVEL_DATE);
    const index = this.indexOf(PRICE_LEVEL_DATE)!;
    const { path, start } = this.totalReturnPath(instrument, index);
    let eventFactor = 1;
    for (const event of instrument.events) {
      if (event.date > PRICE_LEVEL_DATE) break;
      eventFactor *= event.kind === "split" ? 1 / event.value : 1 - event.value;
    }
    instrument.p0 = levelUsd / (path[index - start] * eventFactor);
  }

  /** Makes sure every trading day up to `date` is indexed (rebuilds the shared series, which are stateless). */
  ensureHorizon(date: string): void {
    if (this.days.length > 0 && this.days[this.days.length - 1] >= date) return;
    const end = `${date.slice(0, 4)}-12-31`;
    this.days = tradingDaysBetween(SIMULATION_START, end);
    this.dayIndex = new Map(this.days.map((day, i) => [day, i]));
    this.dayNumbers = Int32Array.from(this.days, (day) => Math.round(Date.parse(day) / MS_PER_DAY));
    this.buildSharedSeries(); // stateless per day: existing days (and cached paths) keep their values
  }

  private buildSharedSeries(): void {
    const n = this.days.length;
    const factors = {} as Record<LatentFactor, Float64Array>;
    for (const factor of LATENT_FACTORS) {
      const key = hashKey(`${this.seed}:factor:${factor}`);
      const { mean, sd } = LATENT_FACTOR_MOMENTS[factor];
      factors[factor] = Float64Array.from({ length: n }, (_, i) => mean + sd * normalAt(key, this.dayNumbers[i]));
    }
    this.etfReturns = new Map();
    for (const etf of FACTOR_ETFS) {
      const key = hashKey(`${this.seed}:${etf.ticker}:returns`);
      const series = new Float64Array(n);
      for (let i = 0; i < n; i += 1) {
        let r = etf.idioSd * normalAt(key, this.dayNumbers[i]);
        for (const factor of LATENT_FACTORS) r += (etf.loadings[factor] ?? 0) * factors[factor][i];
        series[i] = r;
      }
      this.etfReturns.set(etf.ticker, series);
    }
    const spy = this.etfReturns.get("SPY")!;
    this.styleExcess = new Map();
    for (const style of STYLES) {
      const etf = ETF_BY_TICKER.get(STYLE_ETF[style])!;
      const m = etf.loadings.market ?? 0;
      const series = this.etfReturns.get(etf.ticker)!;
      this.styleExcess.set(style, Float64Array.from(series, (r, i) => r - m * spy[i]));
    }
  }

  indexOf(date: string): number | undefined {
    return this.dayIndex.get(date);
  }

  /** Index of the first trading day ≥ date (days.length when none). */
  firstIndexOnOrAfter(date: string): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.days[mid] < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Daily total return of `instrument` at day index i (0 on its listing day). */
  private returnsInto(instrument: Instrument, out: Float64Array, fromIndex: number, toIndex: number, start: number): void {
    const etfSeries = instrument.etf ? this.etfReturns.get(instrument.ticker)! : null;
    const betas = instrument.betas;
    const spy = this.etfReturns.get("SPY")!;
    const tlt = this.etfReturns.get("TLT")!;
    const excess = STYLES.map((style) => this.styleExcess.get(style)!);
    const styleBetas = betas ? STYLES.map((style) => betas[style]) : [];
    // One Box–Muller draw serves the two calendar days 2m and 2m + 1: still a pure function of (key, day).
    const pair: [number, number] = [0, 0];
    let pairDay = -1;
    for (let i = fromIndex; i <= toIndex; i += 1) {
      let r: number;
      if (etfSeries) r = etfSeries[i];
      else {
        const dayNumber = this.dayNumbers[i];
        if (dayNumber >> 1 !== pairDay) {
          pairDay = dayNumber >> 1;
          normalPairAt(instrument.returnKey, pairDay, pair);
        }
        r = betas!.market * spy[i] + betas!.rates * tlt[i] + betas!.idiosyncraticSd * pair[dayNumber & 1];
        for (let s = 0; s < excess.length; s += 1) r += styleBetas[s] * excess[s][i];
      }
      out[i - start] = Math.max(r, -0.9);
    }
  }

  /** Total-return index (1 on the listing day) from the listing day through `toIndex`, cached per ticker (LRU). */
  totalReturnPath(instrument: Instrument, toIndex: number): { path: Float64Array; start: number } {
    const start = this.firstIndexOnOrAfter(instrument.listedFrom);
    const cached = this.paths.get(instrument.ticker);
    if (cached && start + cached.length > toIndex) {
      this.paths.delete(instrument.ticker);
      this.paths.set(instrument.ticker, cached); // refresh LRU position
      return { path: cached, start };
    }
    const length = Math.max(toIndex - start + 1, 1);
    const path = new Float64Array(length);
    const known = cached ? cached.length : 0;
    if (cached) path.set(cached);
    const returns = new Float64Array(length);
    this.returnsInto(instrument, returns, start + Math.max(known, 1), start + length - 1, start);
    path[0] = 1;
    for (let k = Math.max(known, 1); k < length; k += 1) path[k] = path[k - 1] * (1 + returns[k]);
    this.paths.delete(instrument.ticker);
    this.paths.set(instrument.ticker, path);
    if (this.paths.size > PATH_CACHE_LIMIT) this.paths.delete(this.paths.keys().next().value as string);
    return { path, start };
  }

  ohlcNoise(instrument: Instrument, index: number, out: [number, number]): [number, number] {
    return normalPairAt(instrument.ohlcKey, this.dayNumbers[index], out);
  }

  volumeNoise(instrument: Instrument, index: number, out: [number, number]): [number, number] {
    return normalPairAt(instrument.ohlcKey ^ 0x5bd1e995, this.dayNumbers[index], out);
  }

  valuationNoise(instrument: Instrument, index: number): number {
    return normalAt(instrument.valuationKey, this.dayNumbers[index]);
  }
}

const markets = new Map<number, SimulatedMarket>();

export function getSimulatedMarket(seed: number = DEFAULT_SIMULATED_SEED): SimulatedMarket {
  let market = markets.get(seed);
  if (!market) {
    market = new SimulatedMarket(seed);
    markets.set(seed, market);
  }
  return market;
}

/** The planted betas of a simulated equity (null for ETFs and unknown symbols). */
export function getPlantedBetas(symbol: string, seed: number = DEFAULT_SIMULATED_SEED): PlantedBetas | null {
  const betas = getSimulatedMarket(seed).instrument(symbol)?.betas;
  return betas ? { ...betas } : null;
}

/** Name, sector and industry of a simulated equity (listed, synthetic or any valid ticker); null for ETFs and unknown symbols. */
export function getSimulatedEquity(symbol: string): SimulatedEquity | null {
  const equity = resolveSimulatedEquity(symbol);
  return equity ? { ...equity } : null;
}

export function isSimulatedSymbol(symbol: string): boolean {
  return isRequiredEtf(symbol) || isSimulatedTicker(symbol);
}

export { FACTOR_ETFS, SIMULATED_EQUITIES };
export type { SimulatedEquity } from "./simulated-universe";
export type { Instrument, PlantedBetas } from "./simulated-instrument";
export { createSyntheticUniverse } from "./simulated-universe";
