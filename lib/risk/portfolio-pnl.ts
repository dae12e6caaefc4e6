/**
 * Phase 4 P&L and snapshot math for one portfolio on one trading date, pure. The snapshots of a portfolio form a
 * chain over NYSE trading days from its inception day: equity(D) = equity(prev) + unrealized P&L(prev → D) +
 * realized P&L + capital flow, where prev is the previous trading day and realized events and flows dated in
 * (prev, D] (weekends and holidays included) count on D.
 *
 * Choices (documented for the phase and the UI):
 * - Active on `date`: entryDate ≤ date, exitDate null or > date, not deleted (no P&L on or after the exit date; the
 *   exit day's move is in the realized events).
 * - The inception day (no previous snapshot): daily P&L 0 and equity = the declared starting equity, whatever the
 *   positions' entry prices — the declared equity is the NAV. Events and flows dated on or before it are part of it.
 * - Position P&L = (P_t − P_prev) × signed qty × m (m = 100 for LC/LP/SC/SP). P_t is the close ON the date; with no
 *   close that day the position is valued at its carried-forward close and its P&L is 0.
 * - A position entered after inception earns close − entry price on its entry day (the first trading day on or after
 *   its entry date), close-to-close after; P_prev is the close as of the previous trading day (carried forward).
 *   A position never priced before the date uses its entry price when > 0, else contributes 0.
 * - PRIVATE class: valued from the stored market value (else qty × entry price), P&L 0.
 * - A public position with no close at all is excluded from the values (reported in unpricedPositionIds) but counted.
 * - Money is rounded to the cent once per figure, then combined in cents, so dailyPnl = unrealized + realized,
 *   newEquity = previous + dailyPnl + capital flow, gross = long − short and net = long + short hold exactly.
 */
import { isPrivateClass, optionMultiplier } from "../base/symbols";
import { computeConcentration, type Concentration } from "./portfolio-pnl-concentration";
import { toCents } from "./stress-engine-cents";

export interface PnlPositionInput {
  id: string;
  symbol: string;
  /** Signed: shorts negative. */
  quantity: number;
  positionType: string;
  investmentClass: string | null;
  entryDate: string;
  exitDate: string | null;
  deleted: boolean;
  /** Stored market value (USD), used for PRIVATE positions. */
  marketValueUsd: number | null;
  entryPrice: number;
}

export interface PreviousSnapshotTotals {
  cumulativePnlUsd: number;
  cumulativeRealizedPnlUsd: number;
  cumulativeCapitalFlowUsd: number;
}

export interface PortfolioPnlInput {
  date: string;
  /** The previous NYSE trading day (entries dated after it and on or before `date` earn close − entry today). */
  previousDate: string;
  /** Equity of the previous trading day's snapshot; on the inception day the immutable starting equity. */
  previousEquityUsd: number;
  /** Null on the inception day (the chain's first snapshot). */
  previousSnapshot: PreviousSnapshotTotals | null;
  positions: readonly PnlPositionInput[];
  /** close_t by symbol, and the close as of the previous trading day (carried forward) by symbol. */
  closesOnDate: ReadonlyMap<string, number>;
  previousCloses: ReadonlyMap<string, number>;
  /** Σ realized P&L of position_realized_events with trade_date in (previousDate, date]. */
  realizedPnlUsd: number;
  /** Contributions − withdrawals with change_date in (previousDate, date]. */
  capitalFlowUsd: number;
  /** Market Beta (90D) by symbol for the portfolio beta; omit to skip it. */
  marketBetas?: ReadonlyMap<string, number>;
}

export interface PositionValuation {
  positionId: string;
  symbol: string;
  lastPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
  dailyPnl: number;
}

export interface PortfolioPnlResult extends Concentration {
  dailyUnrealizedPnl: number;
  dailyRealizedPnl: number;
  dailyCapitalFlow: number;
  dailyPnl: number;
  newEquity: number;
  /** dailyPnl / previous equity; 0 when previous equity ≤ 0. */
  dailyReturn: number;
  cumulativePnl: number;
  cumulativeRealizedPnl: number;
  cumulativeCapitalFlow: number;
  longValue: number;
  /** Negative (or 0). */
  shortValue: number;
  grossExposure: number;
  netExposure: number;
  /** max(0, equity − long + |short|), R17 (NAV stays the rolled equity, R26). */
  cash: number;
  numPositions: number;
  numLong: number;
  numShort: number;
  /** Σ signed MV × β / new equity over priced non-private positions with a beta; null without betas or equity. */
  marketBeta90d: number | null;
  /** The positions active on the date, in the input's order. */
  positions: PositionValuation[];
  unpricedPositionIds: string[];
}

interface Valued {
  position: PnlPositionInput;
  price: number | null;
  marketValueUsd: number | null;
  dailyPnlUsd: number;
}

/** Daily P&L, rolled equity and snapshot values of one portfolio on one trading date. O(n log n). */
export function computePortfolioPnl(input: PortfolioPnlInput): PortfolioPnlResult {
  const active = input.positions.filter(
    (p) => !p.deleted && p.entryDate <= input.date && (p.exitDate === null || p.exitDate > input.date),
  );
  const valued = active.map((position) => valuePosition(position, input));
  const priced = valued.filter((v): v is Valued & { marketValueUsd: number } => v.marketValueUsd !== null);
  const inception = input.previousSnapshot === null;
  const unrealizedCents = toCents(valued.reduce((sum, v) => sum + v.dailyPnlUsd, 0));
  const realizedCents = inception ? 0 : toCents(input.realizedPnlUsd);
  const flowCents = inception ? 0 : toCents(input.capitalFlowUsd);
  const pnlCents = unrealizedCents + realizedCents;
  const previousEquityCents = toCents(input.previousEquityUsd);
  const equityCents = previousEquityCents + pnlCents + flowCents;
  const longCents = toCents(priced.reduce((sum, v) => sum + Math.max(v.marketValueUsd, 0), 0));
  const shortCents = toCents(priced.reduce((sum, v) => sum + Math.min(v.marketValueUsd, 0), 0));
  const previous = input.previousSnapshot;
  return {
    dailyUnrealizedPnl: usd(unrealizedCents),
    dailyRealizedPnl: usd(realizedCents),
    dailyCapitalFlow: usd(flowCents),
    dailyPnl: usd(pnlCents),
    newEquity: usd(equityCents),
    dailyReturn: previousEquityCents > 0 ? pnlCents / previousEquityCents : 0,
    cumulativePnl: usd(pnlCents + (previous ? toCents(previous.cumulativePnlUsd) : 0)),
    cumulativeRealizedPnl: usd(realizedCents + (previous ? toCents(previous.cumulativeRealizedPnlUsd) : 0)),
    cumulativeCapitalFlow: usd(flowCents + (previous ? toCents(previous.cumulativeCapitalFlowUsd) : 0)),
    longValue: usd(longCents),
    shortValue: usd(shortCents),
    grossExposure: usd(longCents - shortCents),
    netExposure: usd(longCents + shortCents),
    cash: usd(Math.max(0, equityCents - longCents - shortCents)),
    numPositions: active.length,
    numLong: active.filter((p) => p.quantity > 0).length,
    numShort: active.filter((p) => p.quantity < 0).length,
    marketBeta90d: computeMarketBeta(priced, input.marketBetas, equityCents / 100),
    ...computeConcentration(priced.map((v) => ({ symbol: v.position.symbol, marketValueUsd: v.marketValueUsd }))),
    positions: valued.map(toValuation),
    unpricedPositionIds: valued.filter((v) => v.marketValueUsd === null).map((v) => v.position.id),
  };
}

function valuePosition(position: PnlPositionInput, input: PortfolioPnlInput): Valued {
  const multiplier = optionMultiplier(position.positionType);
  if (isPrivateClass(position.investmentClass)) {
    const marketValueUsd = position.marketValueUsd ?? position.quantity * position.entryPrice * multiplier;
    const price = position.quantity !== 0 ? marketValueUsd / (position.quantity * multiplier) : position.entryPrice;
    return { position, price, marketValueUsd, dailyPnlUsd: 0 };
  }
  const close = input.closesOnDate.get(position.symbol);
  const price = close ?? input.previousCloses.get(position.symbol) ?? null;
  const marketValueUsd = price === null ? null : position.quantity * price * multiplier;
  return { position, price, marketValueUsd, dailyPnlUsd: close === undefined ? 0 : dailyMove(position, close, input) * position.quantity * multiplier };
}

/** P_t − P_prev per unit, following the module's documented rules. */
function dailyMove(position: PnlPositionInput, close: number, input: PortfolioPnlInput): number {
  if (input.previousSnapshot === null) return 0;
  const hasCost = position.entryPrice > 0;
  if (position.entryDate > input.previousDate) return hasCost ? close - position.entryPrice : 0;
  const previousClose = input.previousCloses.get(position.symbol) ?? (hasCost ? position.entryPrice : close);
  return close - previousClose;
}

function computeMarketBeta(
  priced: readonly (Valued & { marketValueUsd: number })[],
  betas: ReadonlyMap<string, number> | undefined,
  equityUsd: number,
): number | null {
  if (betas === undefined || !(equityUsd > 0)) return null;
  return priced.reduce((sum, v) => sum + (!isPrivateClass(v.position.investmentClass) ? v.marketValueUsd * (betas.get(v.position.symbol) ?? 0) : 0), 0) / equityUsd;
}

function toValuation(v: Valued): PositionValuation {
  const { position } = v;
  const costUsd = position.quantity * position.entryPrice * optionMultiplier(position.positionType);
  return {
    positionId: position.id,
    symbol: position.symbol,
    lastPrice: v.price,
    marketValue: v.marketValueUsd === null ? null : usd(toCents(v.marketValueUsd)),
    unrealizedPnl: v.marketValueUsd === null ? null : usd(toCents(v.marketValueUsd - costUsd)),
    dailyPnl: usd(toCents(v.dailyPnlUsd)),
  };
}

function usd(cents: number): number {
  return cents === 0 ? 0 : cents / 100;
}
