/**
 * The equity chain of one portfolio as a fold over consecutive NYSE trading days: each day's snapshot starts from the
 * previous day's equity and cumulative totals (the first day of the chain, the inception day, from the declared
 * starting equity). Pure; computePortfolioPnl holds the per-day rules.
 */
import { computePortfolioPnl, type PortfolioPnlInput, type PortfolioPnlResult, type PreviousSnapshotTotals } from "./portfolio-pnl";

/** Where a segment of the chain starts: the previous day's snapshot, or the inception day (totals null). */
export interface ChainStart {
  equityUsd: number;
  totals: PreviousSnapshotTotals | null;
}

export type ChainDayInput = Omit<PortfolioPnlInput, "previousEquityUsd" | "previousSnapshot">;

/**
 * Snapshots of consecutive trading days, oldest first: equity(D) = equity(prev) + P&L + flow, cumulative fields
 * carried. O(days × positions log positions).
 */
export function foldEquityChain(start: ChainStart, days: readonly ChainDayInput[]): PortfolioPnlResult[] {
  const results: PortfolioPnlResult[] = [];
  let equityUsd = start.equityUsd;
  let totals = start.totals;
  for (const day of days) {
    const result = computePortfolioPnl({ ...day, previousEquityUsd: equityUsd, previousSnapshot: totals });
    results.push(result);
    equityUsd = result.newEquity;
    totals = {
      cumulativePnlUsd: result.cumulativePnl,
      cumulativeRealizedPnlUsd: result.cumulativeRealizedPnl,
      cumulativeCapitalFlowUsd: result.cumulativeCapitalFlow,
    };
  }
  return results;
}
