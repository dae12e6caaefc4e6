/** Phase 4: a day's P&L result as a snapshot row, the portfolio's Provider Beta (1Y), and the position refresh. */
import type { PnlPositionRow } from "../../db/portfolio-pnl-inputs";
import type { PositionRefresh, SnapshotValues } from "../../db/portfolio-pnl-writes";
import type { PnlPositionInput, PortfolioPnlResult, PositionValuation } from "../../risk/portfolio-pnl";
import { createPublicEquityPredicate, isPrivateHolding } from "../../base/symbols";

/** A private holding (lib/base/symbols isPrivateHolding: class PRIVATE or a private-shaped symbol) is valued as PRIVATE. */
export function toPnlPosition(row: PnlPositionRow): PnlPositionInput {
  return {
    id: row.id,
    symbol: row.symbol,
    quantity: row.quantity,
    positionType: row.position_type,
    investmentClass: isPrivateHolding(row.symbol, row.investment_class) ? "PRIVATE" : row.investment_class,
    entryDate: row.entry_date,
    exitDate: row.exit_date,
    deleted: false,
    marketValueUsd: row.market_value,
    entryPrice: row.entry_price,
  };
}

/**
 * Calls `visit` with each valuation of `result` and its stored row. The result values the rows active on its day, in
 * the rows' order (computePortfolioPnl keeps its input's order), so one walk pairs them without a lookup per position.
 */
function forEachValuedRow(rows: readonly PnlPositionRow[], result: PortfolioPnlResult, visit: (row: PnlPositionRow, valuation: PositionValuation) => void): void {
  const valuations = result.positions;
  let next = 0;
  for (const row of rows) {
    if (next === valuations.length) break;
    if (valuations[next].positionId !== row.id) continue; // not active on the result's day
    visit(row, valuations[next]);
    next += 1;
  }
  if (next !== valuations.length) throw new Error(`position ${valuations[next].positionId} was valued out of the order of the portfolio's rows`);
}

/** Provider Beta (1Y): Σ signed MV × company_profiles.beta / E over public equity positions that have a beta. */
export function computeProviderBeta(
  rows: readonly PnlPositionRow[],
  result: PortfolioPnlResult,
  betas: ReadonlyMap<string, number>,
  isPublicEquity: ReturnType<typeof createPublicEquityPredicate>,
): number | null {
  if (!(result.newEquity > 0)) return null;
  let weighted = 0;
  let found = false;
  forEachValuedRow(rows, result, (row, { marketValue }) => {
    const beta = betas.get(row.symbol);
    if (beta === undefined || marketValue === null) return;
    // The public-equity rule already leaves out options (a multiplier other than 1).
    const publicEquity = isPublicEquity(
      { symbol: row.symbol, investmentClass: row.investment_class, positionType: row.position_type, exitDate: row.exit_date },
    );
    if (!publicEquity) return;
    weighted += marketValue * beta;
    found = true;
  });
  return found ? weighted / result.newEquity : null;
}

export function toSnapshot(portfolioId: string, date: string, r: PortfolioPnlResult, betaProvider: number | null): SnapshotValues {
  return {
    portfolioId,
    date,
    equity: r.newEquity,
    cash: r.cash,
    longValue: r.longValue,
    shortValue: r.shortValue,
    gross: r.grossExposure,
    net: r.netExposure,
    dailyPnl: r.dailyPnl,
    dailyReturn: r.dailyReturn,
    cumulativePnl: r.cumulativePnl,
    dailyRealized: r.dailyRealizedPnl,
    cumulativeRealized: r.cumulativeRealizedPnl,
    dailyFlow: r.dailyCapitalFlow,
    cumulativeFlow: r.cumulativeCapitalFlow,
    numPositions: r.numPositions,
    numLong: r.numLong,
    numShort: r.numShort,
    beta90d: r.marketBeta90d,
    betaProvider,
    hhi: r.hhi,
    effectiveN: r.effectiveNumPositions,
    top3: r.top3,
    top10: r.top10,
  };
}

/** The snapshot's values by column, for the range check before it is written. */
export function snapshotColumns(s: SnapshotValues) {
  return {
    equity_balance: s.equity, cash_value: s.cash, long_value: s.longValue, short_value: s.shortValue, gross_exposure: s.gross,
    net_exposure: s.net, daily_pnl: s.dailyPnl, daily_return: s.dailyReturn, cumulative_pnl: s.cumulativePnl,
    daily_realized_pnl: s.dailyRealized, cumulative_realized_pnl: s.cumulativeRealized, daily_capital_flow: s.dailyFlow,
    cumulative_capital_flow: s.cumulativeFlow, beta_calculated_90d: s.beta90d, beta_provider_1y: s.betaProvider, hhi: s.hhi,
    effective_num_positions: s.effectiveN, top_3_concentration: s.top3, top_10_concentration: s.top10,
  };
}

/**
 * Positions whose stored last price, market value or unrealized P&L changes with the latest day's result (private
 * holdings keep their stored value; unchanged rows are not rewritten).
 */
export function positionRefreshes(rows: readonly PnlPositionRow[], result: PortfolioPnlResult): PositionRefresh[] {
  const refreshes: PositionRefresh[] = [];
  forEachValuedRow(rows, result, (row, v) => {
    if (isPrivateHolding(row.symbol, row.investment_class)) return;
    if (v.lastPrice === null || v.marketValue === null || v.unrealizedPnl === null) return;
    if (isUnchanged(row, v.lastPrice, v.marketValue, v.unrealizedPnl)) return;
    refreshes.push({ positionId: v.positionId, lastPrice: v.lastPrice, marketValue: v.marketValue, unrealizedPnl: v.unrealizedPnl });
  });
  return refreshes;
}

/** The stored refresh values already equal the new ones at the columns' scales (price 4 dp, money 2 dp): no write. */
function isUnchanged(row: PnlPositionRow, lastPrice: number, marketValue: number, unrealizedPnl: number): boolean {
  if (row.last_price === null || row.market_value === null || row.unrealized_pnl === null) return false;
  return (
    Math.round(row.last_price * 1e4) === Math.round(lastPrice * 1e4) &&
    Math.round(row.market_value * 100) === Math.round(marketValue * 100) &&
    Math.round(row.unrealized_pnl * 100) === Math.round(unrealizedPnl * 100)
  );
}
