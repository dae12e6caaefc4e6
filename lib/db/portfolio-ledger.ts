/**
 * The portfolio ledger's chain state, read inside the write transaction of a chunk after its portfolio rows are
 * locked: every writer of a portfolio's snapshots, exposures or stress (any run, any date) takes these row locks
 * first, so two runs never interleave on one portfolio's chain and the second sees the first's committed rows.
 */
import type pg from "pg";

type Db = Pick<pg.PoolClient, "query">;

/** Locks the portfolios' rows (ascending id, so two chunks of different runs never deadlock) until the transaction ends. */
export async function lockPortfolios(db: Db, portfolioIds: readonly string[]): Promise<void> {
  if (portfolioIds.length === 0) return;
  await db.query(`SELECT id FROM portfolios WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [portfolioIds]);
}

export interface ChainState {
  id: string;
  startingEquity: number;
  inceptionDate: string;
  /** The snapshot on the date: null none, false incomplete, true complete. */
  todayComplete: boolean | null;
  /** Complete snapshots dated before the date (they all lie on the chain's trading days). */
  completeBefore: number;
  /** The latest complete snapshot's date, or null. */
  latestComplete: string | null;
}

/** The chain state of the portfolios that exist on `calcDate` (not deleted, incepted on or before it). */
export async function readChainStates(db: Db, calcDate: string, portfolioIds: readonly string[]): Promise<ChainState[]> {
  const { rows } = await db.query<{
    id: string; starting_equity: number; inception_date: string; today_complete: boolean | null; complete_before: number | null; latest_complete: string | null;
  }>(
    // cur's `portfolio_id = ANY($2)` repeats the WHERE for the planner: it bounds the date's snapshots read to the chunk's (R46).
    `SELECT p.id, p.starting_equity, p.inception_date, cur.is_complete AS today_complete, agg.complete_before, agg.latest_complete
       FROM portfolios p
       LEFT JOIN portfolio_snapshots cur ON cur.portfolio_id = p.id AND cur.snapshot_date = $1 AND cur.portfolio_id = ANY($2::uuid[])
       LEFT JOIN LATERAL (
             SELECT count(*) FILTER (WHERE s.snapshot_date < $1)::int AS complete_before, max(s.snapshot_date) AS latest_complete
               FROM portfolio_snapshots s WHERE s.portfolio_id = p.id AND s.is_complete) agg ON true
      WHERE p.id = ANY($2::uuid[]) AND p.deleted_at IS NULL AND p.inception_date <= $1
      ORDER BY p.id`,
    [calcDate, portfolioIds],
  );
  return rows.map((row) => ({
    id: row.id, startingEquity: row.starting_equity, inceptionDate: row.inception_date, todayComplete: row.today_complete,
    completeBefore: row.complete_before ?? 0, latestComplete: row.latest_complete,
  }));
}

/** The dates of a portfolio's complete snapshots before `before`, ascending (to find the first hole of its chain). */
export async function listCompleteSnapshotDates(db: Db, portfolioId: string, before: string): Promise<string[]> {
  const { rows } = await db.query<{ snapshot_date: string }>(
    `SELECT snapshot_date FROM portfolio_snapshots WHERE portfolio_id = $1 AND is_complete AND snapshot_date < $2 ORDER BY snapshot_date`,
    [portfolioId, before],
  );
  return rows.map((row) => row.snapshot_date);
}

export interface SnapshotTotals {
  equity: number;
  cumulativePnl: number;
  cumulativeRealizedPnl: number;
  cumulativeCapitalFlow: number;
}

/** The complete snapshots at these (portfolio, date) pairs, keyed `<portfolioId>|<date>`. */
export async function readSnapshotTotals(db: Db, pairs: readonly { portfolioId: string; date: string }[]): Promise<Map<string, SnapshotTotals>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await db.query<{ portfolio_id: string; snapshot_date: string; equity_balance: number; cumulative_pnl: number; cumulative_realized_pnl: number; cumulative_capital_flow: number }>(
    `SELECT s.portfolio_id, s.snapshot_date, s.equity_balance, s.cumulative_pnl, s.cumulative_realized_pnl, s.cumulative_capital_flow
       FROM unnest($1::uuid[], $2::date[]) AS k(p, d)
       JOIN portfolio_snapshots s ON s.portfolio_id = k.p AND s.snapshot_date = k.d AND s.is_complete
      -- Bounds the snapshots read to the pairs' portfolios and dates: joined on unnest() alone, the planner hashed
      -- every snapshot of the table for each chunk.
      WHERE s.portfolio_id = ANY($1::uuid[]) AND s.snapshot_date = ANY($3::date[])`,
    [pairs.map((pair) => pair.portfolioId), pairs.map((pair) => pair.date), [...new Set(pairs.map((pair) => pair.date))]],
  );
  return new Map(rows.map((row) => [`${row.portfolio_id}|${row.snapshot_date}`, {
    equity: row.equity_balance, cumulativePnl: row.cumulative_pnl, cumulativeRealizedPnl: row.cumulative_realized_pnl, cumulativeCapitalFlow: row.cumulative_capital_flow,
  }]));
}
