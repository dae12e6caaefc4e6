/**
 * Phase 4 writes, inside the chunk's transaction: snapshots upserted (every write bumps the row's revision, so
 * exposures and stress computed from an older revision are found and recomputed), positions refreshed by COPY into a
 * temporary table and one UPDATE … FROM, and current equity set from each portfolio's latest complete snapshot.
 */
import type pg from "pg";
import { copyLine, copyTextRows } from "./copy-text-rows";

type Db = pg.PoolClient;

export interface SnapshotValues {
  portfolioId: string;
  date: string;
  equity: number;
  cash: number;
  longValue: number;
  shortValue: number;
  gross: number;
  net: number;
  dailyPnl: number;
  dailyReturn: number;
  cumulativePnl: number;
  dailyRealized: number;
  cumulativeRealized: number;
  dailyFlow: number;
  cumulativeFlow: number;
  numPositions: number;
  numLong: number;
  numShort: number;
  beta90d: number | null;
  betaProvider: number | null;
  hhi: number | null;
  effectiveN: number | null;
  top3: number | null;
  top10: number | null;
}

export interface PositionRefresh {
  positionId: string;
  lastPrice: number;
  marketValue: number;
  unrealizedPnl: number;
}

/** The snapshot values in the order of pnl_snapshot_upsert's columns. */
const SNAPSHOT_FIELDS = [
  "portfolioId", "date", "equity", "cash", "longValue", "shortValue", "gross", "net", "dailyPnl", "dailyReturn", "cumulativePnl",
  "dailyRealized", "cumulativeRealized", "dailyFlow", "cumulativeFlow", "numPositions", "numLong", "numShort", "beta90d",
  "betaProvider", "hhi", "effectiveN", "top3", "top10",
] as const satisfies readonly (keyof SnapshotValues)[];

/**
 * Inserts or overwrites complete snapshots (bumping their revision); returns how many rows were written. The rows
 * travel by COPY into a transaction-scoped temp table, then one INSERT … ON CONFLICT from it (24 parameter arrays
 * cost more to encode and parse than the rows). Once per transaction: the temp table lives until its commit.
 */
export async function upsertSnapshots(db: Db, s: readonly SnapshotValues[]): Promise<number> {
  if (s.length === 0) return 0;
  await db.query(
    `CREATE TEMP TABLE pnl_snapshot_upsert (portfolio_id uuid, day date, equity numeric, cash numeric, long_value numeric,
            short_value numeric, gross numeric, net numeric, daily_pnl numeric, daily_return float8, cum_pnl numeric,
            daily_realized numeric, cum_realized numeric, daily_flow numeric, cum_flow numeric, num_positions int, num_long int,
            num_short int, beta_90d float8, beta_provider float8, hhi float8, effective_n float8, top3 float8, top10 float8)
     ON COMMIT DROP`,
  );
  await copyTextRows(db, "COPY pnl_snapshot_upsert FROM STDIN", s.map((row) => copyLine(SNAPSHOT_FIELDS.map((field) => row[field]))));
  const result = await db.query(
    `INSERT INTO portfolio_snapshots AS t (id, portfolio_id, snapshot_date, total_value, equity_balance, cash_value, long_value,
            short_value, gross_exposure, net_exposure, daily_pnl, daily_return, cumulative_pnl, daily_realized_pnl,
            cumulative_realized_pnl, daily_capital_flow, cumulative_capital_flow, num_positions, num_long_positions,
            num_short_positions, beta_calculated_90d, beta_provider_1y, hhi, effective_num_positions, top_3_concentration,
            top_10_concentration, is_complete, revision)
     SELECT gen_random_uuid(), v.portfolio_id, v.day, v.equity, v.equity, v.cash, v.long_value, v.short_value, v.gross, v.net,
            v.daily_pnl, v.daily_return, v.cum_pnl, v.daily_realized, v.cum_realized, v.daily_flow, v.cum_flow, v.num_positions,
            v.num_long, v.num_short, v.beta_90d, v.beta_provider, v.hhi, v.effective_n, v.top3, v.top10, true, 1
       FROM pnl_snapshot_upsert v
     ON CONFLICT (portfolio_id, snapshot_date) DO UPDATE SET
            total_value = EXCLUDED.total_value, equity_balance = EXCLUDED.equity_balance, cash_value = EXCLUDED.cash_value,
            long_value = EXCLUDED.long_value, short_value = EXCLUDED.short_value, gross_exposure = EXCLUDED.gross_exposure,
            net_exposure = EXCLUDED.net_exposure, daily_pnl = EXCLUDED.daily_pnl, daily_return = EXCLUDED.daily_return,
            cumulative_pnl = EXCLUDED.cumulative_pnl, daily_realized_pnl = EXCLUDED.daily_realized_pnl,
            cumulative_realized_pnl = EXCLUDED.cumulative_realized_pnl, daily_capital_flow = EXCLUDED.daily_capital_flow,
            cumulative_capital_flow = EXCLUDED.cumulative_capital_flow, num_positions = EXCLUDED.num_positions,
            num_long_positions = EXCLUDED.num_long_positions, num_short_positions = EXCLUDED.num_short_positions,
            beta_calculated_90d = EXCLUDED.beta_calculated_90d, beta_provider_1y = EXCLUDED.beta_provider_1y, hhi = EXCLUDED.hhi,
            effective_num_positions = EXCLUDED.effective_num_positions, top_3_concentration = EXCLUDED.top_3_concentration,
            top_10_concentration = EXCLUDED.top_10_concentration, is_complete = true, revision = t.revision + 1, updated_at = now()`,
  );
  return result.rowCount ?? 0;
}

/**
 * The position refresh: the rows travel by COPY into a transaction-scoped temp table, then one UPDATE … FROM (the
 * unnest() parameter arrays this replaced spent most of their time encoding and parsing array literals). The rows are
 * the positions of `portfolioIds`, the chunk's portfolios.
 */
export async function refreshPositions(db: Db, p: readonly PositionRefresh[], portfolioIds: readonly string[]): Promise<number> {
  if (p.length === 0) return 0;
  await db.query(
    `CREATE TEMP TABLE IF NOT EXISTS pnl_position_refresh (id uuid, last_price numeric, market_value numeric, unrealized_pnl numeric) ON COMMIT DROP`,
  );
  await copyTextRows(
    db,
    "COPY pnl_position_refresh (id, last_price, market_value, unrealized_pnl) FROM STDIN",
    p.map((x) => `${x.positionId}\t${x.lastPrice}\t${x.marketValue}\t${x.unrealizedPnl}`),
  );
  const updated = await db.query(
    `UPDATE positions AS t SET last_price = v.last_price, market_value = v.market_value,
            unrealized_pnl = v.unrealized_pnl, updated_at = now()
       FROM pnl_position_refresh v
      WHERE t.id = v.id AND t.portfolio_id = ANY($1::uuid[])`,
    // The chunk's portfolios bound the scan: joined on id alone, the planner hashed every position of the book per chunk.
    [portfolioIds],
  );
  return updated.rowCount ?? 0;
}

/** Current equity always equals the latest complete snapshot's equity (the starting equity before the first one). */
export async function updateCurrentEquity(db: Pick<pg.PoolClient, "query">, portfolioIds: readonly string[]): Promise<number> {
  if (portfolioIds.length === 0) return 0;
  const result = await db.query(
    `UPDATE portfolios AS p SET current_equity = coalesce(l.equity_balance, p.starting_equity), current_equity_date = l.snapshot_date, updated_at = now()
       FROM unnest($1::uuid[]) AS k(id)
       LEFT JOIN LATERAL (SELECT equity_balance, snapshot_date FROM portfolio_snapshots
                           WHERE portfolio_id = k.id AND is_complete ORDER BY snapshot_date DESC LIMIT 1) l ON true
      WHERE p.id = k.id
        AND (p.current_equity IS DISTINCT FROM coalesce(l.equity_balance, p.starting_equity) OR p.current_equity_date IS DISTINCT FROM l.snapshot_date)`,
    [portfolioIds],
  );
  return result.rowCount ?? 0;
}
