import type pg from "pg";
import { addCalendarDays, tradingDaysBack } from "../risk/calendar";
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

/** Big-endian int4send/float8send concatenations (the binary wire forms) → typed arrays. */
function decodeInt32s(bytes: Buffer): Int32Array {
  const values = new Int32Array(bytes.length >> 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readInt32BE(i << 2);
  return values;
}

function decodeFloat64s(bytes: Buffer): Float64Array {
  const values = new Float64Array(bytes.length >> 3);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleBE(i << 3);
  return values;
}

/**
 * The return-price panel of D2/D3 (adj_close, falling back to close) for `symbols` plus the regressor ETFs over
 * [fromDate, toDate], in ONE query: one row per symbol with its day offsets and float8 prices as binary
 * strings (int4send/float8send), so the client decodes ~5k rows of bytes instead of parsing ~1M rows of text. Dates are those on which any requested symbol has a price; every requested
 * symbol gets an array (NaN where it has no price).
 */
export async function loadPricePanel(
  symbols: readonly string[],
  fromDate: string,
  toDate: string,
  db: Queryable = getPool(),
): Promise<LoadedPricePanel> {
  const wanted = [...new Set([...symbols, ...REGRESSOR_ETFS])];
  const result = await db.query<{ symbol: string; d: Buffer; p: Buffer }>(
    `SELECT symbol,
            string_agg(int4send(date - $2::date), ''::bytea ORDER BY date) AS d,
            string_agg(float8send(COALESCE(adj_close, close)::float8), ''::bytea ORDER BY date) AS p
       FROM market_data
      WHERE symbol = ANY($1::text[]) AND date BETWEEN $2::date AND $3::date
      GROUP BY symbol`,
    [wanted, fromDate, toDate],
  );
  const parsed = result.rows.map((row) => ({ symbol: row.symbol, offsets: decodeInt32s(row.d), prices: decodeFloat64s(row.p) }));
  let maxOffset = -1;
  for (const row of parsed) if (row.offsets.length > 0) maxOffset = Math.max(maxOffset, row.offsets[row.offsets.length - 1]);
  const seen = new Uint8Array(maxOffset + 1);
  let rowCount = 0;
  for (const row of parsed) {
    rowCount += row.offsets.length;
    for (const offset of row.offsets) seen[offset] = 1;
  }
  const indexOfOffset = new Int32Array(maxOffset + 1).fill(-1);
  const dates: string[] = [];
  for (let offset = 0; offset <= maxOffset; offset++) {
    if (seen[offset] === 0) continue;
    indexOfOffset[offset] = dates.length;
    dates.push(addCalendarDays(fromDate, offset));
  }
  const prices = new Map<string, Float64Array>();
  for (const symbol of wanted) prices.set(symbol, new Float64Array(dates.length).fill(NaN));
  for (const row of parsed) {
    const series = prices.get(row.symbol)!;
    for (let i = 0; i < row.offsets.length; i++) series[indexOfOffset[row.offsets[i]]] = row.prices[i];
  }
  return { dates, prices, rowCount };
}
