/**
 * Phase 4 data access (domain.md §5.3, D8, B10–B12): one read per input table for all portfolios of a date, and
 * bulk writes for snapshots and current equity (unnest) and positions (COPY into a temp table + one UPDATE … FROM).
 */
import type pg from "pg";
import { getPool } from "./client";
import { copyTextRows } from "./portfolio-sql";

export interface PnlPortfolioState {
  id: string;
  startingEquity: number;
  currentEquityDate: string | null;
  /** Snapshot on the date: null = none, false = placeholder (crashed run), true = complete. */
  todayComplete: boolean | null;
  /** A complete snapshot exists after the date (this run is a backfill of an older date). */
  hasLaterComplete: boolean;
  previous: { date: string; equity: number; cumulativePnl: number; cumulativeRealizedPnl: number; cumulativeCapitalFlow: number } | null;
}

interface StateRow {
  id: string;
  starting_equity: number;
  current_equity_date: string | null;
  today_complete: boolean | null;
  has_later: boolean;
  prev_date: string | null;
  prev_equity: number | null;
  prev_cum_pnl: number | null;
  prev_cum_realized: number | null;
  prev_cum_flow: number | null;
}

/** Portfolios of the date (not deleted, inception ≤ date) with their snapshot state, in one statement. */
export async function listPnlPortfolioStates(calcDate: string, scope: string[] | null): Promise<PnlPortfolioState[]> {
  const { rows } = await getPool().query<StateRow>(
    `SELECT p.id, p.starting_equity, p.current_equity_date, cur.is_complete AS today_complete,
            EXISTS (SELECT 1 FROM portfolio_snapshots l
                     WHERE l.portfolio_id = p.id AND l.is_complete AND l.snapshot_date > $1) AS has_later,
            prev.snapshot_date AS prev_date, prev.equity_balance AS prev_equity, prev.cumulative_pnl AS prev_cum_pnl,
            prev.cumulative_realized_pnl AS prev_cum_realized, prev.cumulative_capital_flow AS prev_cum_flow
       FROM portfolios p
       LEFT JOIN portfolio_snapshots cur ON cur.portfolio_id = p.id AND cur.snapshot_date = $1
       LEFT JOIN LATERAL (
             SELECT s.snapshot_date, s.equity_balance, s.cumulative_pnl, s.cumulative_realized_pnl, s.cumulative_capital_flow
               FROM portfolio_snapshots s
              WHERE s.portfolio_id = p.id AND s.is_complete AND s.snapshot_date < $1
              ORDER BY s.snapshot_date DESC LIMIT 1) prev ON true
      WHERE p.deleted_at IS NULL AND p.inception_date <= $1 AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))
      ORDER BY p.id`,
    [calcDate, scope],
  );
  return rows.map((row) => ({
    id: row.id,
    startingEquity: row.starting_equity,
    currentEquityDate: row.current_equity_date,
    todayComplete: row.today_complete,
    hasLaterComplete: row.has_later,
    previous:
      row.prev_date === null
        ? null
        : {
            date: row.prev_date,
            equity: row.prev_equity ?? 0,
            cumulativePnl: row.prev_cum_pnl ?? 0,
            cumulativeRealizedPnl: row.prev_cum_realized ?? 0,
            cumulativeCapitalFlow: row.prev_cum_flow ?? 0,
          },
  }));
}

/**
 * Claims the (portfolio, date) slots: deletes incomplete placeholders left by a crashed run, then inserts fresh
 * placeholders (is_complete = false). Committed on its own, so a kill before the fill leaves rows the next run
 * repairs. Returns the ids whose slot this run now holds and how many stale placeholders were removed.
 */
export async function claimSnapshotSlots(calcDate: string, portfolioIds: string[]): Promise<{ claimed: string[]; repaired: number }> {
  const pool = getPool();
  const removed = await pool.query(
    `DELETE FROM portfolio_snapshots WHERE snapshot_date = $1 AND NOT is_complete AND portfolio_id = ANY($2::uuid[])`,
    [calcDate, portfolioIds],
  );
  const { rows } = await pool.query<{ portfolio_id: string }>(
    `INSERT INTO portfolio_snapshots (id, portfolio_id, snapshot_date, is_complete)
     SELECT gen_random_uuid(), id, $1, false FROM unnest($2::uuid[]) AS t(id)
     ON CONFLICT (portfolio_id, snapshot_date) DO NOTHING
     RETURNING portfolio_id`,
    [calcDate, portfolioIds],
  );
  return { claimed: rows.map((row) => row.portfolio_id), repaired: removed.rowCount ?? 0 };
}

export interface PnlPositionRow {
  id: string;
  portfolio_id: string;
  symbol: string;
  position_type: string;
  quantity: number;
  entry_price: number;
  entry_date: string;
  exit_date: string | null;
  investment_class: string | null;
  market_value: number | null;
  last_price: number | null;
  unrealized_pnl: number | null;
}

/** Positions active on the date (B10) of the given portfolios, with their stored refresh values (D8). */
export async function listActivePositions(calcDate: string, portfolioIds: string[]): Promise<PnlPositionRow[]> {
  const { rows } = await getPool().query<PnlPositionRow>(
    `SELECT id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, exit_date, investment_class, market_value,
            last_price, unrealized_pnl
       FROM positions
      WHERE deleted_at IS NULL AND entry_date <= $1 AND (exit_date IS NULL OR exit_date > $1)
        AND portfolio_id = ANY($2::uuid[])`,
    [calcDate, portfolioIds],
  );
  return rows;
}

/** Σ per portfolio of one amount column for the date (realized events, capital flows). */
export async function sumRealizedAndFlows(
  calcDate: string,
  portfolioIds: string[],
): Promise<{ realized: Map<string, number>; flows: Map<string, number> }> {
  const pool = getPool();
  const [realized, flows] = await Promise.all([
    pool.query<{ portfolio_id: string; amount: number }>(
      `SELECT portfolio_id, sum(realized_pnl) AS amount FROM position_realized_events
        WHERE trade_date = $1 AND portfolio_id = ANY($2::uuid[]) GROUP BY portfolio_id`,
      [calcDate, portfolioIds],
    ),
    pool.query<{ portfolio_id: string; amount: number }>(
      `SELECT portfolio_id, sum(CASE WHEN change_type = 'CONTRIBUTION' THEN amount ELSE -amount END) AS amount
         FROM equity_changes
        WHERE change_date = $1 AND deleted_at IS NULL AND portfolio_id = ANY($2::uuid[]) GROUP BY portfolio_id`,
      [calcDate, portfolioIds],
    ),
  ]);
  const toMap = (rows: { portfolio_id: string; amount: number }[]) => new Map(rows.map((row) => [row.portfolio_id, row.amount]));
  return { realized: toMap(realized.rows), flows: toMap(flows.rows) };
}

/**
 * Closes of the date and of the previous trading day in one query; symbols without a close on the previous day get
 * their latest earlier close (carry-forward) from a second, narrow query that only runs when something is missing.
 */
export async function loadPnlCloses(
  calcDate: string,
  previousDate: string,
  symbols: string[],
): Promise<{ onDate: Map<string, number>; previous: Map<string, number> }> {
  const pool = getPool();
  const onDate = new Map<string, number>();
  const previous = new Map<string, number>();
  if (symbols.length === 0) return { onDate, previous };
  const { rows } = await pool.query<{ symbol: string; date: string; close: number }>(
    `SELECT symbol, date, close FROM market_data WHERE date = ANY($1::date[]) AND symbol = ANY($2::text[])`,
    [[calcDate, previousDate], symbols],
  );
  for (const row of rows) (row.date === calcDate ? onDate : previous).set(row.symbol, row.close);
  const missing = symbols.filter((symbol) => !previous.has(symbol));
  if (missing.length > 0) {
    const carried = await pool.query<{ symbol: string; close: number }>(
      `SELECT DISTINCT ON (symbol) symbol, close FROM market_data
        WHERE symbol = ANY($1::text[]) AND date < $2 ORDER BY symbol, date DESC`,
      [missing, previousDate],
    );
    for (const row of carried.rows) previous.set(row.symbol, row.close);
  }
  return { onDate, previous };
}

/** company_profiles.beta (Provider Beta) for the symbols, non-null and non-zero only. */
export async function loadProviderBetas(symbols: string[]): Promise<Map<string, number>> {
  if (symbols.length === 0) return new Map();
  const { rows } = await getPool().query<{ symbol: string; beta: number }>(
    `SELECT symbol, beta FROM company_profiles WHERE symbol = ANY($1::text[]) AND beta IS NOT NULL AND beta <> 0`,
    [symbols],
  );
  return new Map(rows.map((row) => [row.symbol, row.beta]));
}

export interface SnapshotValues {
  portfolioId: string;
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

export interface PnlChunkWrite {
  calcDate: string;
  snapshots: SnapshotValues[];
  /** Placeholders of portfolios that failed: removed so no half-row survives. */
  failedPortfolioIds: string[];
  positions: PositionRefresh[];
  /** Portfolios whose current equity may move to this date (guarded again in SQL by current_equity_date). */
  currentEquity: { portfolioId: string; equity: number }[];
}

/** One transaction: fill placeholders and flip is_complete, refresh positions, move current equity. */
export async function writePnlChunk(write: PnlChunkWrite): Promise<{ snapshots: number; positions: number; equities: number }> {
  const { calcDate, snapshots: s } = write;
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const filled = await fillSnapshots(client, calcDate, s);
    if (write.failedPortfolioIds.length > 0) {
      await client.query(
        `DELETE FROM portfolio_snapshots WHERE snapshot_date = $1 AND NOT is_complete AND portfolio_id = ANY($2::uuid[])`,
        [calcDate, write.failedPortfolioIds],
      );
    }
    const positions = await refreshPositions(client, write.positions);
    const e = write.currentEquity;
    const equities = e.length === 0 ? { rowCount: 0 } : await client.query(
      `UPDATE portfolios AS t SET current_equity = v.equity, current_equity_date = $1, updated_at = now()
         FROM unnest($2::uuid[], $3::numeric[]) AS v(id, equity)
        WHERE t.id = v.id AND (t.current_equity_date IS NULL OR t.current_equity_date <= $1)`,
      [calcDate, e.map((x) => x.portfolioId), e.map((x) => x.equity)],
    );
    await client.query("COMMIT");
    return { snapshots: filled, positions, equities: equities.rowCount ?? 0 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * D8 position refresh: the rows travel by COPY into a transaction-scoped temp table, then one UPDATE … FROM (the
 * unnest() parameter arrays this replaced spent most of their time encoding and parsing array literals).
 */
async function refreshPositions(client: pg.PoolClient, p: PositionRefresh[]): Promise<number> {
  if (p.length === 0) return 0;
  await client.query(
    `CREATE TEMP TABLE pnl_position_refresh (id uuid, last_price numeric, market_value numeric, unrealized_pnl numeric) ON COMMIT DROP`,
  );
  await copyTextRows(
    client,
    "COPY pnl_position_refresh (id, last_price, market_value, unrealized_pnl) FROM STDIN",
    p.map((x) => `${x.positionId}\t${x.lastPrice}\t${x.marketValue}\t${x.unrealizedPnl}`),
  );
  const updated = await client.query(
    `UPDATE positions AS t SET last_price = v.last_price, market_value = v.market_value,
            unrealized_pnl = v.unrealized_pnl, updated_at = now()
       FROM pnl_position_refresh v
      WHERE t.id = v.id`,
  );
  return updated.rowCount ?? 0;
}

async function fillSnapshots(client: pg.PoolClient, calcDate: string, s: SnapshotValues[]): Promise<number> {
  if (s.length === 0) return 0;
  const col = <K extends keyof SnapshotValues>(key: K) => s.map((row) => row[key]);
  const result = await client.query(
    `UPDATE portfolio_snapshots AS t SET
            total_value = v.equity, equity_balance = v.equity, cash_value = v.cash, long_value = v.long_value,
            short_value = v.short_value, gross_exposure = v.gross, net_exposure = v.net, daily_pnl = v.daily_pnl,
            daily_return = v.daily_return, cumulative_pnl = v.cum_pnl, daily_realized_pnl = v.daily_realized,
            cumulative_realized_pnl = v.cum_realized, daily_capital_flow = v.daily_flow,
            cumulative_capital_flow = v.cum_flow, num_positions = v.num_positions, num_long_positions = v.num_long,
            num_short_positions = v.num_short, beta_calculated_90d = v.beta_90d, beta_provider_1y = v.beta_provider,
            hhi = v.hhi, effective_num_positions = v.effective_n, top_3_concentration = v.top3,
            top_10_concentration = v.top10, is_complete = true, updated_at = now()
       FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[],
                   $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[],
                   $15::numeric[], $16::int[], $17::int[], $18::int[], $19::float8[], $20::float8[], $21::float8[],
                   $22::float8[], $23::float8[], $24::float8[])
            AS v(portfolio_id, equity, cash, long_value, short_value, gross, net, daily_pnl, daily_return, cum_pnl,
                 daily_realized, cum_realized, daily_flow, cum_flow, num_positions, num_long, num_short, beta_90d,
                 beta_provider, hhi, effective_n, top3, top10)
      WHERE t.portfolio_id = v.portfolio_id AND t.snapshot_date = $1 AND NOT t.is_complete`,
    [
      calcDate, col("portfolioId"), col("equity"), col("cash"), col("longValue"), col("shortValue"), col("gross"),
      col("net"), col("dailyPnl"), col("dailyReturn"), col("cumulativePnl"), col("dailyRealized"),
      col("cumulativeRealized"), col("dailyFlow"), col("cumulativeFlow"), col("numPositions"), col("numLong"),
      col("numShort"), col("beta90d"), col("betaProvider"), col("hhi"), col("effectiveN"), col("top3"), col("top10"),
    ],
  );
  return result.rowCount ?? 0;
}
