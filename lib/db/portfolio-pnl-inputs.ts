/**
 * What Phase 4 reads to fold a chunk's chains over a range of dates: positions, dated realized events and capital
 * flows, closes with their carried-forward values, provider betas, and the facts that say whether a date's symbol
 * data is there. One query per input whatever the number of portfolios or dates.
 */
import type pg from "pg";
import { selectBinaryRows, sqlTextArray } from "./binary-copy-reader";

type Db = Pick<pg.PoolClient, "query">;

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

/**
 * Positions of the portfolios that are active on some day of [from, to] (not deleted), with their stored values.
 * Read as binary COPY: a chunk holds tens of thousands of positions, and parsing their numeric text and building the
 * driver's row objects was a fifth of Phase 4's JavaScript time. float8 of a numeric is the double nearest its decimal,
 * as Number() of its text is, so the values are the same.
 */
export async function listLedgerPositions(pool: pg.Pool, portfolioIds: readonly string[], from: string, to: string): Promise<PnlPositionRow[]> {
  return selectBinaryRows(pool, (client) =>
    `SELECT id::text, portfolio_id::text, symbol, position_type, quantity::float8, entry_price::float8, entry_date, exit_date,
            investment_class, market_value::float8, last_price::float8, unrealized_pnl::float8
       FROM positions
      WHERE deleted_at IS NULL AND entry_date <= ${client.escapeLiteral(to)}::date AND (exit_date IS NULL OR exit_date > ${client.escapeLiteral(from)}::date)
        AND portfolio_id = ANY(${sqlTextArray(client, portfolioIds)}::uuid[])`,
  (row) => ({
    id: row.ascii(0),
    portfolio_id: row.ascii(1),
    symbol: row.text(2),
    position_type: row.text(3),
    quantity: row.nullableFloat8(4)!,
    entry_price: row.nullableFloat8(5)!,
    entry_date: row.nullableIsoDate(6)!,
    exit_date: row.nullableIsoDate(7),
    investment_class: row.nullableText(8),
    market_value: row.nullableFloat8(9),
    last_price: row.nullableFloat8(10),
    unrealized_pnl: row.nullableFloat8(11),
  }));
}

export interface DatedAmount {
  portfolioId: string;
  date: string;
  amount: number;
}

/** Realized P&L events and capital flows (contributions +, withdrawals −) dated in (after, upTo], per portfolio and date. */
export async function listRealizedAndFlows(db: Db, portfolioIds: readonly string[], after: string, upTo: string): Promise<{ realized: DatedAmount[]; flows: DatedAmount[] }> {
  const [realized, flows] = await Promise.all([
    db.query<{ portfolio_id: string; date: string; amount: number }>(
      `SELECT portfolio_id, trade_date AS date, sum(realized_pnl) AS amount FROM position_realized_events
        WHERE trade_date > $2 AND trade_date <= $3 AND portfolio_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [portfolioIds, after, upTo],
    ),
    db.query<{ portfolio_id: string; date: string; amount: number }>(
      `SELECT portfolio_id, change_date AS date, sum(CASE WHEN change_type = 'CONTRIBUTION' THEN amount ELSE -amount END) AS amount
         FROM equity_changes
        WHERE change_date > $2 AND change_date <= $3 AND deleted_at IS NULL AND portfolio_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [portfolioIds, after, upTo],
    ),
  ]);
  const toAmounts = (rows: { portfolio_id: string; date: string; amount: number }[]) =>
    rows.map((row) => ({ portfolioId: row.portfolio_id, date: row.date, amount: row.amount }));
  return { realized: toAmounts(realized.rows), flows: toAmounts(flows.rows) };
}

export type CloseSeries = { date: string; close: number }[];

/** Closes of the symbols on every date of [from, to], ascending by date per symbol (symbols without one are absent). */
export async function loadClosesInRange(db: Db, symbols: readonly string[], from: string, to: string): Promise<Map<string, CloseSeries>> {
  const history = new Map<string, CloseSeries>();
  if (symbols.length === 0) return history;
  addCloseRows(history, (await db.query<{ symbol: string; date: string; close: number }>(
    `SELECT symbol, date, close FROM market_data WHERE symbol = ANY($1::text[]) AND date BETWEEN $2 AND $3`, [symbols, from, to])).rows);
  sortSeries(history);
  return history;
}

/** The latest close before `before` of each symbol (the value carried into a range starting on `before`). */
async function loadCarriedCloses(db: Db, symbols: readonly string[], before: string): Promise<Map<string, { date: string; close: number }>> {
  if (symbols.length === 0) return new Map();
  const { rows } = await db.query<{ symbol: string; date: string; close: number }>(
    `SELECT s.symbol, m.date, m.close FROM unnest($1::text[]) AS s(symbol)
       CROSS JOIN LATERAL (SELECT date, close FROM market_data WHERE symbol = s.symbol AND date < $2 ORDER BY date DESC LIMIT 1) m`,
    [symbols, before]);
  return new Map(rows.map((row) => [row.symbol, { date: row.date, close: row.close }]));
}

/**
 * Closes of the symbols on every date of [from, to], plus, for symbols without a close on `from`, their latest close
 * before it (the value carried into the range), ascending by date per symbol.
 */
export async function loadCloseHistory(db: Db, symbols: readonly string[], from: string, to: string): Promise<Map<string, CloseSeries>> {
  return withCarriedCloses(db, await loadClosesInRange(db, symbols, from, to), symbols, from);
}

/**
 * `closes` (series over a range starting on `from`) with, for each of `symbols` that has no close on `from`, its
 * latest close before it put first (the value carried into the range). Returns the same map.
 */
export async function withCarriedCloses(db: Db, closes: Map<string, CloseSeries>, symbols: readonly string[], from: string): Promise<Map<string, CloseSeries>> {
  const carried = await loadCarriedCloses(db, symbols.filter((symbol) => closes.get(symbol)?.[0]?.date !== from), from);
  for (const [symbol, entry] of carried) closes.set(symbol, [entry, ...(closes.get(symbol) ?? [])]);
  return closes;
}

function addCloseRows(history: Map<string, CloseSeries>, rows: readonly { symbol: string; date: string; close: number }[]): void {
  for (const row of rows) {
    let list = history.get(row.symbol);
    if (!list) history.set(row.symbol, (list = []));
    list.push({ date: row.date, close: row.close });
  }
}

function sortSeries(history: Map<string, CloseSeries>): void {
  for (const list of history.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** company_profiles.beta (Provider Beta) for the symbols, non-null and non-zero only. */
export async function loadProviderBetas(db: Db, symbols: readonly string[]): Promise<Map<string, number>> {
  if (symbols.length === 0) return new Map();
  const { rows } = await db.query<{ symbol: string; beta: number }>(
    `SELECT symbol, beta FROM company_profiles WHERE symbol = ANY($1::text[]) AND beta IS NOT NULL AND beta <> 0`,
    [symbols],
  );
  return new Map(rows.map((row) => [row.symbol, row.beta]));
}

export interface SymbolDataFacts {
  /** Dates on which the symbol batch's factor phase ran: the regressor ETFs have factor rows (an onboarding of a few symbols does not count). */
  factorDates: Set<string>;
  /** Symbols marked unpriced: they leave the set a date needs. */
  unpriced: Set<string>;
  /** Symbols waiting in the onboarding queue: their portfolios are refreshed again when they complete. */
  queued: Set<string>;
  /** `<symbol>|<date>` pairs the provider answered "not found" for: nothing to wait for. */
  notFound: Set<string>;
}

/**
 * The facts of the dates. Unpriced symbols, the onboarding queue and "not found" answers are small sets, read whole
 * rather than filtered by a chunk's symbols (an array of every symbol a chunk holds costs more to send than they do).
 */
export async function loadSymbolDataFacts(db: Db, dates: readonly string[], regressorEtfs: readonly string[]): Promise<SymbolDataFacts> {
  const [factorDates, unpriced, queued, notFound] = await Promise.all([
    db.query<{ day: string }>(
      `SELECT d.day FROM unnest($1::date[]) AS d(day)
        WHERE EXISTS (SELECT 1 FROM symbol_factor_exposures e WHERE e.calculation_date = d.day AND e.symbol = ANY($2::text[]))`, [dates, regressorEtfs]),
    db.query<{ symbol: string }>(`SELECT symbol FROM unpriced_symbols`),
    db.query<{ symbol: string }>(`SELECT DISTINCT symbol FROM symbol_onboarding_jobs WHERE status IN ('pending', 'processing')`),
    db.query<{ symbol: string; calc_date: string }>(
      `SELECT symbol, calc_date FROM symbol_pricing_failures WHERE kind = 'not_found' AND calc_date = ANY($1::date[])`, [dates]),
  ]);
  return {
    factorDates: new Set(factorDates.rows.map((row) => row.day)),
    unpriced: new Set(unpriced.rows.map((row) => row.symbol)),
    queued: new Set(queued.rows.map((row) => row.symbol)),
    notFound: new Set(notFound.rows.map((row) => `${row.symbol}|${row.calc_date}`)),
  };
}
