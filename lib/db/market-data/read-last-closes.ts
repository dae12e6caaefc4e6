import { getPool } from "../client";

export interface StoredClose { date: string; close: number }

/** Each symbol's latest stored close on or before `onOrBefore` (symbols without one are absent). */
export async function getLastStoredCloses(symbols: readonly string[], onOrBefore: string): Promise<Map<string, StoredClose>> {
  if (symbols.length === 0) return new Map();
  const { rows } = await getPool().query<{ symbol: string; date: string; close: number }>(
    `SELECT DISTINCT ON (symbol) symbol, date::text AS date, close::float8 AS close
       FROM market_data WHERE symbol = ANY($1::text[]) AND date <= $2::date
      ORDER BY symbol, date DESC`, [symbols, onOrBefore]);
  return new Map(rows.map((row) => [row.symbol, { date: row.date, close: Number(row.close) }]));
}
