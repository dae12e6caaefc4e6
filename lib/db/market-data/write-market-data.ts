/**
 * Bulk writes of market_data: never one row per statement. New rows go through binary COPY; merges go through
 * one multi-row INSERT … SELECT FROM unnest(…) ON CONFLICT per chunk, which updates only rows whose values changed,
 * so the returned count is the number of rows really written.
 */
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { getPool, withTransaction } from "../client";
import { BINARY_COPY_COLUMNS, encodeBarsCopy, encodeBinaryCopy, type SymbolBars } from "./copy-binary";
import { appendPriceRow, countPriceRows, createPriceRows, slicePriceRows, type PriceRows } from "./price-rows";

export const MARKET_DATA_CHUNK_ROWS = 10_000;

const COLUMNS = "symbol, date, open, high, low, close, adj_close, volume, data_source";
const UNIQUE_VIOLATION = "23505";

const UPSERT_SQL = `
  INSERT INTO market_data (${COLUMNS})
  SELECT r.symbol, r.date, r.open, r.high, r.low, r.close, r.adj_close, r.volume, $9
  FROM unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::bigint[])
    AS r(symbol, date, open, high, low, close, adj_close, volume)
  ON CONFLICT (symbol, date) DO UPDATE SET
    open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
    adj_close = EXCLUDED.adj_close, volume = EXCLUDED.volume, data_source = EXCLUDED.data_source, updated_at = now()
  WHERE (market_data.open, market_data.high, market_data.low, market_data.close, market_data.adj_close, market_data.volume)
    IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.adj_close, EXCLUDED.volume)`;

function assertFinite(rows: PriceRows): void {
  for (let i = 0; i < rows.closes.length; i += 1) {
    const close = rows.closes[i];
    if (!Number.isFinite(close) || close <= 0) {
      throw new Error(`market_data write refused a non-positive or non-finite close for ${rows.symbols[i]} on ${rows.dates[i]}`);
    }
  }
}

async function copyChunk(client: pg.PoolClient, rows: PriceRows, dataSource: string): Promise<number> {
  const stream = client.query(copyFrom(`COPY market_data (${BINARY_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`));
  const count = countPriceRows(rows);
  await pipeline(Readable.from([encodeBinaryCopy(rows, dataSource, 0, count)]), stream);
  return count;
}

async function upsertChunk(db: Pick<pg.PoolClient, "query">, rows: PriceRows, dataSource: string): Promise<number> {
  const result = await db.query(UPSERT_SQL, [
    rows.symbols, rows.dates, rows.opens, rows.highs, rows.lows, rows.closes, rows.adjCloses, rows.volumes, dataSource,
  ]);
  return result.rowCount ?? 0;
}

export interface WriteMarketDataOptions {
  dataSource: string;
  /**
   * 'insert': the caller knows no stored row conflicts (the symbols have nothing stored in the range), so rows are
   * COPYed; a chunk that hits a conflict anyway is retried as an upsert. 'upsert': always merge.
   */
  mode: "insert" | "upsert";
  chunkRows?: number;
}

/** Writes the rows in chunks; returns how many rows were inserted or changed. */
export async function writeMarketData(rows: PriceRows, options: WriteMarketDataOptions): Promise<number> {
  assertFinite(rows);
  const total = countPriceRows(rows);
  if (total === 0) return 0;
  const chunkRows = options.chunkRows ?? MARKET_DATA_CHUNK_ROWS;
  const client = await getPool().connect();
  let written = 0;
  try {
    for (let start = 0; start < total; start += chunkRows) {
      const chunk = slicePriceRows(rows, start, Math.min(total, start + chunkRows));
      written += options.mode === "insert"
        ? await copyOrUpsert(client, chunk, options.dataSource)
        : await upsertChunk(client, chunk, options.dataSource);
    }
  } finally {
    client.release();
  }
  return written;
}

async function copyOrUpsert(client: pg.PoolClient, chunk: PriceRows, dataSource: string): Promise<number> {
  try {
    return await copyChunk(client, chunk, dataSource);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    return upsertChunk(client, chunk, dataSource);
  }
}

/**
 * COPYs fetched bars of symbols with nothing stored in the range (the caller knows), encoded straight from the bars.
 * A conflict anyway (another writer, a stale plan) is retried as a merge. Returns the rows inserted or changed.
 */
export async function copyMarketDataBars(batches: readonly SymbolBars[], dataSource: string): Promise<number> {
  for (const { symbol, bars } of batches) {
    for (const bar of bars) {
      if (!Number.isFinite(bar.close) || bar.close <= 0) {
        throw new Error(`market_data write refused a non-positive or non-finite close for ${symbol} on ${bar.date}`);
      }
    }
  }
  const client = await getPool().connect();
  try {
    const payload = encodeBarsCopy(batches, dataSource);
    const stream = client.query(copyFrom(`COPY market_data (${BINARY_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`));
    await pipeline(Readable.from([payload]), stream);
    return batches.reduce((sum, batch) => sum + batch.bars.length, 0);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const rows = createPriceRows();
    for (const { symbol, bars } of batches) for (const bar of bars) appendPriceRow(rows, symbol, bar);
    return upsertChunk(client, rows, dataSource);
  } finally {
    client.release();
  }
}

/**
 * Replaces one symbol's stored history in [from, to] with `rows` in one transaction (a corporate action changed the
 * provider's history, R11). Returns the number of rows inserted.
 */
export async function replaceMarketDataHistory(
  symbol: string,
  range: { from: string; to: string },
  rows: PriceRows,
  dataSource: string,
): Promise<number> {
  assertFinite(rows);
  return withTransaction(async (client) => {
    await client.query("DELETE FROM market_data WHERE symbol = $1 AND date BETWEEN $2::date AND $3::date", [
      symbol, range.from, range.to,
    ]);
    let written = 0;
    const total = countPriceRows(rows);
    for (let start = 0; start < total; start += MARKET_DATA_CHUNK_ROWS) {
      written += await upsertChunk(client, slicePriceRows(rows, start, Math.min(total, start + MARKET_DATA_CHUNK_ROWS)), dataSource);
    }
    return written;
  });
}
