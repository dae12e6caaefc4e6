import type pg from "pg";
import { addCalendarDays, isIsoDate, tradingDaysBack } from "../base/calendar";
import { readBinaryRows, sqlTextArray, type BinaryCopyRow } from "./binary-copy-reader";
import { FACTOR_FAMILIES, REGRESSOR_ETFS } from "../risk/factor-definitions";
import type { PricePanel } from "../risk/symbol-factors/factor-window";
import { getPool } from "./client";

type Queryable = Pick<pg.Pool, "query">;

export { REGRESSOR_ETFS };

/** Dates the longest family needs: N + 1 for the 180-return spread window (R12). */
export const PANEL_WINDOW_DATES = Math.max(...Object.values(FACTOR_FAMILIES).map((spec) => spec.windowReturns)) + 1;
/** Connections a large panel is read on at once (the machines have two cores; PostgreSQL does the scans). */
export const PANEL_READ_LANES = 2;
/** Below this many symbols one connection reads the panel (a lane's fixed cost outweighs the overlap). */
const PANEL_LANE_MIN_SYMBOLS = 500;

/** Extra trading days read when the regressors' own history cannot tell where the window starts. */
export const PANEL_SLACK_DAYS = 10;

export interface LoadedPricePanel extends PricePanel {
  prices: Map<string, Float64Array>;
  /** Price rows read. */
  rowCount: number;
}

/**
 * First date of the panel for `calcDate`: the PANEL_WINDOW_DATES-th most recent date ≤ calcDate on which every
 * regressor ETF has a price — each family's benchmark window W (R12) starts on or after it. Falls back to
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

/**
 * The return-price panel (adj_close, falling back to close) for `symbols` plus the regressor ETFs over
 * [fromDate, toDate], read with one binary COPY and decoded into one Float64Array per symbol. Dates are those on which
 * any requested symbol has a price; every requested symbol gets an array (NaN where it has no price).
 *
 * One fenced index range scan per symbol (OFFSET 0 keeps the planner from turning it into a scan of every symbol's
 * rows of the range when the table's statistics are stale, as they are minutes after Phase 1 inserted a year of
 * prices), aggregated into one row per symbol: its day offsets and prices as big-endian int4/float8 byte strings.
 * A few thousand protocol messages instead of a million, and nothing to parse but numbers. The scans are PostgreSQL's
 * work, not Node's: a large panel is read in PANEL_READ_LANES parts at once, on as many connections (cores).
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
  const offsets: (Int32Array | null)[] = wanted.map(() => null);
  const values: (Float64Array | null)[] = wanted.map(() => null);
  const onRow = (row: BinaryCopyRow) => {
    if (row.isNull(1)) return; // no price in the range
    const index = row.int4(0);
    const count = row.lengths[1] >> 2;
    const days = new Int32Array(count);
    const prices = new Float64Array(count);
    const { buffer } = row;
    for (let i = 0, at = row.offsets[1]; i < count; i++, at += 4) days[i] = buffer.readInt32BE(at);
    for (let i = 0, at = row.offsets[2]; i < count; i++, at += 8) prices[i] = buffer.readDoubleBE(at);
    offsets[index] = days;
    values[index] = prices;
  };
  const lanes = wanted.length >= PANEL_LANE_MIN_SYMBOLS ? PANEL_READ_LANES : 1;
  const laneSize = Math.ceil(wanted.length / lanes);
  await Promise.all(Array.from({ length: lanes }, (_, lane) => {
    const first = lane * laneSize;
    return readBinaryRows(pool, (client) =>
      `SELECT w.position::int4 - 1 + ${first}, m.days, m.prices
         FROM unnest(${sqlTextArray(client, wanted.slice(first, first + laneSize))}::text[]) WITH ORDINALITY AS w(symbol, position)
         CROSS JOIN LATERAL (
           SELECT string_agg(int4send(date - '${fromDate}'::date), ''::bytea ORDER BY date) AS days,
                  string_agg(float8send(COALESCE(adj_close, close)::float8), ''::bytea ORDER BY date) AS prices
             FROM (SELECT date, adj_close, close FROM market_data
                    WHERE market_data.symbol = w.symbol AND date BETWEEN '${fromDate}' AND '${toDate}' OFFSET 0) AS fenced) AS m`,
    onRow);
  }));
  let maxOffset = -1;
  let rowCount = 0;
  for (const days of offsets) {
    if (!days || days.length === 0) continue;
    rowCount += days.length;
    maxOffset = Math.max(maxOffset, days[days.length - 1]);
  }
  const indexOfOffset = new Int32Array(maxOffset + 1).fill(-1);
  for (const days of offsets) if (days) for (const day of days) indexOfOffset[day] = 0;
  const dates: string[] = [];
  for (let offset = 0; offset <= maxOffset; offset++) {
    if (indexOfOffset[offset] < 0) continue;
    indexOfOffset[offset] = dates.length;
    dates.push(addCalendarDays(fromDate, offset));
  }
  const prices = new Map<string, Float64Array>();
  wanted.forEach((symbol, index) => {
    const series = new Float64Array(dates.length).fill(Number.NaN);
    const days = offsets[index];
    const closes = values[index];
    if (days && closes) for (let i = 0; i < days.length; i++) series[indexOfOffset[days[i]]] = closes[i];
    prices.set(symbol, series);
  });
  return { dates, prices, rowCount };
}
