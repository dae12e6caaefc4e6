import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { addCalendarDays, isIsoDate, tradingDaysBack } from "../risk/calendar";
import { readBinaryCopy } from "./binary-copy-reader";
import { FACTOR_FAMILIES, REGRESSOR_ETFS } from "../risk/factor-definitions";
import type { PricePanel } from "../risk/symbol-factors/factor-window";
import { getPool } from "./client";

type Queryable = Pick<pg.Pool, "query">;

export { REGRESSOR_ETFS };

/** Dates the longest family needs: N + 1 for the 180-return spread window (D3). */
export const PANEL_WINDOW_DATES = Math.max(...Object.values(FACTOR_FAMILIES).map((spec) => spec.windowReturns)) + 1;
/** Extra trading days read when the regressors' own history cannot tell where the window starts. */
export const PANEL_SLACK_DAYS = 10;

export interface LoadedPricePanel extends PricePanel {
  prices: Map<string, Float64Array>;
  /** Price rows read. */
  rowCount: number;
}

/**
 * First date of the panel for `calcDate`: the PANEL_WINDOW_DATES-th most recent date ≤ calcDate on which every
 * regressor ETF has a price — each family's benchmark window W (D3) starts on or after it. Falls back to
 * PANEL_WINDOW_DATES + PANEL_SLACK_DAYS trading days back when the ETFs' history is shorter.
 */
export async function getPricePanelStartDate(calcDate: string, db: Queryable = getPool()): Promise<string> {
  const fallback = tradingDaysBack(calcDate, PANEL_WINDOW_DATES + PANEL_SLACK_DAYS)[0];
  const searchFrom = tradingDaysBack(calcDate, PANEL_WINDOW_DATES * 2)[0];
  const result = await db.query<{ date: string }>(
    `SELECT date FROM market_data
      WHERE symbol = ANY($1::text[]) AND date BETWEEN $2::date AND $3::date
      GROUP BY date HAVING count(*) = $4
      ORDER BY date DESC OFFSET $5 LIMIT 1`,
    [REGRESSOR_ETFS, searchFrom, calcDate, REGRESSOR_ETFS.length, PANEL_WINDOW_DATES - 1],
  );
  return result.rows[0]?.date ?? fallback;
}

/** A text[] literal for SQL text that cannot take parameters (COPY): each element quoted, the whole escaped. */
function textArrayLiteral(client: pg.PoolClient, values: readonly string[]): string {
  return client.escapeLiteral(`{${values.map((value) => `"${value.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`);
}

/**
 * The return-price panel (adj_close, falling back to close) for `symbols` plus the regressor ETFs over
 * [fromDate, toDate], read with one binary COPY (the fastest way out of PostgreSQL: no per-row text, no aggregation
 * in the server) and decoded into one Float64Array per symbol. Dates are those on which any requested symbol has a
 * price; every requested symbol gets an array (NaN where it has no price).
 * @throws when a date is not ISO (the dates go into the COPY's SQL text).
 */
export async function loadPricePanel(
  symbols: readonly string[],
  fromDate: string,
  toDate: string,
  pool: pg.Pool = getPool(),
): Promise<LoadedPricePanel> {
  if (!isIsoDate(fromDate) || !isIsoDate(toDate)) throw new Error(`loadPricePanel requires ISO dates, got ${fromDate} and ${toDate}`);
  const wanted = [...new Set([...symbols, ...REGRESSOR_ETFS])];
  let rowSymbols = new Int32Array(1 << 16);
  let rowOffsets = new Int32Array(1 << 16);
  let rowPrices = new Float64Array(1 << 16);
  let rowCount = 0;
  let maxOffset = -1;
  const client = await pool.connect();
  try {
    // One index range scan per symbol, fenced (OFFSET 0) so the planner cannot turn it into a scan of every symbol's
    // rows of the date range: right for a chunk of a big universe and for a whole one, with or without fresh table
    // statistics (a nightly reads prices minutes after Phase 1 inserted them). Each row names its symbol by its
    // position in `wanted`: an integer, not text to decode a million times.
    const stream = client.query(copyTo(
      `COPY (SELECT w.position::int4 - 1, m.day, m.price
               FROM unnest(${textArrayLiteral(client, wanted)}::text[]) WITH ORDINALITY AS w(symbol, position)
               CROSS JOIN LATERAL (
                 SELECT date - '${fromDate}'::date AS day, COALESCE(adj_close, close)::float8 AS price FROM market_data
                  WHERE market_data.symbol = w.symbol AND date BETWEEN '${fromDate}' AND '${toDate}' OFFSET 0) AS m)
         TO STDOUT (FORMAT binary)`,
    ));
    await readBinaryCopy(stream, (row) => {
      if (rowCount === rowSymbols.length) {
        rowSymbols = grow(rowSymbols);
        rowOffsets = grow(rowOffsets);
        rowPrices = grow(rowPrices);
      }
      const offset = row.int4(1);
      rowSymbols[rowCount] = row.int4(0);
      rowOffsets[rowCount] = offset;
      rowPrices[rowCount] = row.float8(2);
      if (offset > maxOffset) maxOffset = offset;
      rowCount += 1;
    });
  } finally {
    client.release();
  }
  const indexOfOffset = new Int32Array(maxOffset + 1).fill(-1);
  for (let row = 0; row < rowCount; row++) indexOfOffset[rowOffsets[row]] = 0;
  const dates: string[] = [];
  for (let offset = 0; offset <= maxOffset; offset++) {
    if (indexOfOffset[offset] < 0) continue;
    indexOfOffset[offset] = dates.length;
    dates.push(addCalendarDays(fromDate, offset));
  }
  const series = wanted.map(() => new Float64Array(dates.length).fill(Number.NaN));
  for (let row = 0; row < rowCount; row++) series[rowSymbols[row]][indexOfOffset[rowOffsets[row]]] = rowPrices[row];
  return { dates, prices: new Map(wanted.map((symbol, index) => [symbol, series[index]])), rowCount };
}

function grow<T extends Int32Array | Float64Array>(values: T): T {
  const grown = new (values.constructor as { new (length: number): T })(values.length * 2);
  grown.set(values);
  return grown;
}
