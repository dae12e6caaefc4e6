/**
 * Phase 4: the inputs of each day of a portfolio's chain segment, built from one load per chunk — positions, closes
 * (on the day and carried from the previous trading day), realized events and flows dated in (prev, day], Market
 * Beta (90D) — and the rule that says whether a day's symbol data is there.
 */
import type { SymbolFactors } from "../../cache/symbol-cache";
import type { DatedAmount, PnlPositionRow, SymbolDataFacts } from "../../db/portfolio-pnl-inputs";
import { isTradingDay, nextTradingDay, previousTradingDay } from "../../base/calendar";
import type { ChainDayInput } from "../../risk/equity-chain";
import { MARKET_BETA_FACTOR } from "../../risk/factor-definitions";
import { isMarketDataSymbol, isPrivateSymbol, isPublicClass } from "../../base/symbols";
import { rememberPerDay } from "../remembered-per-day";
import { toPnlPosition } from "./04-pnl-snapshot";

export interface LedgerInputs {
  positions: Map<string, PnlPositionRow[]>;
  /** Per symbol, ascending (date, close), starting with the close carried into the range. */
  closes: Map<string, { date: string; close: number }[]>;
  realized: DatedAmount[];
  flows: DatedAmount[];
  betasByDate: Map<string, Map<string, SymbolFactors>>;
  facts: SymbolDataFacts;
}

/** The trading day an event dated `date` counts on: that day, or the next trading day after a weekend or holiday. */
export function countsOn(date: string): string {
  return isTradingDay(date) ? date : nextTradingDay(date);
}

/**
 * Per date: whether a symbol needs market data (class PUBLIC or none, not private-shaped, a market symbol on the date).
 * A pure function of symbol and date, so it is remembered across chunks (most chunks hold most of the universe).
 */
const needsOn = rememberPerDay(() => new Map<string, boolean>());

/** Memoised per-day views over one chunk's inputs. */
export class LedgerDays {
  private readonly closesOn = new Map<string, Map<string, number>>();
  private readonly previousOn = new Map<string, Map<string, number>>();
  private readonly amounts: { realized: Map<string, number>; flows: Map<string, number> } = { realized: new Map(), flows: new Map() };
  private readonly previousDay = new Map<string, string>();
  private readonly marketBetas = new Map<string, Map<string, number>>();

  constructor(private readonly inputs: LedgerInputs) {
    for (const kind of ["realized", "flows"] as const) {
      for (const row of inputs[kind]) {
        const key = `${row.portfolioId}|${countsOn(row.date)}`;
        this.amounts[kind].set(key, (this.amounts[kind].get(key) ?? 0) + row.amount);
      }
    }
  }

  positionsOf(portfolioId: string): PnlPositionRow[] {
    return this.inputs.positions.get(portfolioId) ?? [];
  }

  /** Closes on `date` by symbol. */
  closesOnDate(date: string): Map<string, number> {
    let map = this.closesOn.get(date);
    if (!map) {
      map = new Map();
      for (const [symbol, series] of this.inputs.closes) {
        const found = series.find((entry) => entry.date === date);
        if (found) map.set(symbol, found.close);
      }
      this.closesOn.set(date, map);
    }
    return map;
  }

  /** The latest close on or before `date` by symbol (what the previous day's snapshot valued it at). */
  closesAsOf(date: string): Map<string, number> {
    let map = this.previousOn.get(date);
    if (!map) {
      map = new Map();
      for (const [symbol, series] of this.inputs.closes) {
        let latest: number | undefined;
        for (const entry of series) {
          if (entry.date > date) break;
          latest = entry.close;
        }
        if (latest !== undefined) map.set(symbol, latest);
      }
      this.previousOn.set(date, map);
    }
    return map;
  }

  /** previousTradingDay, once per date of the chunk. */
  previousOf(date: string): string {
    let previous = this.previousDay.get(date);
    if (previous === undefined) this.previousDay.set(date, (previous = previousTradingDay(date)));
    return previous;
  }

  /** Market Beta (90D) on `date` of every symbol of the chunk that has one (the P&L looks up its positions' symbols). */
  marketBetasOn(date: string): Map<string, number> {
    let map = this.marketBetas.get(date);
    if (!map) {
      map = new Map();
      for (const [symbol, factors] of this.inputs.betasByDate.get(date) ?? []) {
        const beta = factors[MARKET_BETA_FACTOR];
        if (beta !== undefined) map.set(symbol, beta);
      }
      this.marketBetas.set(date, map);
    }
    return map;
  }

  dayInput(portfolioId: string, date: string): ChainDayInput {
    const previousDate = this.previousOf(date);
    return {
      date,
      previousDate,
      positions: this.positionsOf(portfolioId).map(toPnlPosition),
      closesOnDate: this.closesOnDate(date),
      previousCloses: this.closesAsOf(previousDate),
      realizedPnlUsd: this.amounts.realized.get(`${portfolioId}|${date}`) ?? 0,
      capitalFlowUsd: this.amounts.flows.get(`${portfolioId}|${date}`) ?? 0,
      marketBetas: this.marketBetasOn(date),
    };
  }

  /**
   * Whether the symbol data of `date` is there for this portfolio: the symbol batch's factor phase ran for the date, and every
   * market symbol it holds that day has a close — unless the symbol is unpriced, waits in the onboarding queue (its
   * portfolios are refreshed when it completes) or the provider said it does not exist on that day.
   */
  hasSymbolData(portfolioId: string, date: string): boolean {
    const { facts } = this.inputs;
    if (!facts.factorDates.has(date)) return false;
    const closes = this.closesOnDate(date);
    const needsBySymbol = needsOn(date);
    for (const row of this.positionsOf(portfolioId)) {
      if (row.entry_date > date || (row.exit_date !== null && row.exit_date <= date)) continue;
      if (!needsMarketData(row, date, needsBySymbol)) continue;
      const symbol = row.symbol;
      if (closes.has(symbol) || facts.unpriced.has(symbol) || facts.queued.has(symbol) || facts.notFound.has(`${symbol}|${date}`)) continue;
      return false;
    }
    return true;
  }
}

/** Whether a position needs market data on `date` (see needsOn); `bySymbol` is needsOn(date). */
function needsMarketData(row: PnlPositionRow, date: string, bySymbol: Map<string, boolean>): boolean {
  if (!isPublicClass(row.investment_class)) return false;
  let answer = bySymbol.get(row.symbol);
  if (answer === undefined) bySymbol.set(row.symbol, (answer = !isPrivateSymbol(row.symbol) && isMarketDataSymbol(row.symbol, date)));
  return answer;
}
