/**
 * Symbols that cannot be priced. Every attempted pricing of a symbol on a trading day is recorded: a failure adds a
 * row for (symbol, day), a success clears the symbol's rows. Three failed days in a row mark the symbol unpriced: it
 * leaves the set of symbols a date needs (lib/db/symbols-to-process) until an admin clears the mark.
 */
import { getPool } from "./client";

export const UNPRICED_AFTER_FAILED_DAYS = 3;

export interface PricingFailure {
  symbol: string;
  kind: string;
  message: string;
}

/** Records one day's pricing outcomes; returns the symbols that became unpriced with it. */
export async function recordPricingOutcomes(calcDate: string, failures: readonly PricingFailure[], priced: readonly string[]): Promise<string[]> {
  const pool = getPool();
  if (priced.length > 0) await pool.query(`DELETE FROM symbol_pricing_failures WHERE symbol = ANY($1::text[])`, [priced]);
  if (failures.length === 0) return [];
  await pool.query(
    `INSERT INTO symbol_pricing_failures (symbol, calc_date, kind, message)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[])
     ON CONFLICT (symbol, calc_date) DO UPDATE SET kind = EXCLUDED.kind, message = EXCLUDED.message, created_at = now()`,
    [failures.map((f) => f.symbol), failures.map(() => calcDate), failures.map((f) => f.kind.slice(0, 32)), failures.map((f) => f.message)],
  );
  const { rows } = await pool.query<{ symbol: string }>(
    `INSERT INTO unpriced_symbols (symbol, failed_dates, last_error)
     SELECT f.symbol, array_agg(f.calc_date ORDER BY f.calc_date),
            (array_agg(f.kind || ': ' || f.message ORDER BY f.calc_date DESC))[1]
       FROM symbol_pricing_failures f WHERE f.symbol = ANY($1::text[])
      GROUP BY f.symbol HAVING count(*) >= $2
     ON CONFLICT (symbol) DO NOTHING
     RETURNING symbol`,
    [failures.map((f) => f.symbol), UNPRICED_AFTER_FAILED_DAYS],
  );
  return rows.map((row) => row.symbol).sort();
}

export interface UnpricedSymbolRow {
  symbol: string;
  failedDates: string[];
  lastError: string;
  markedAt: string;
  positions: number;
}

export async function listUnpricedSymbols(): Promise<UnpricedSymbolRow[]> {
  const { rows } = await getPool().query<{ symbol: string; failed_dates: string[]; last_error: string; marked_at: Date; positions: number }>(
    `SELECT u.symbol, u.failed_dates::text[] AS failed_dates, u.last_error, u.marked_at,
            (SELECT count(*)::int FROM positions p WHERE p.symbol = u.symbol AND p.deleted_at IS NULL) AS positions
       FROM unpriced_symbols u ORDER BY u.symbol`,
  );
  return rows.map((row) => ({ symbol: row.symbol, failedDates: row.failed_dates, lastError: row.last_error, markedAt: row.marked_at.toISOString(), positions: row.positions }));
}

/** The symbols in `symbols` that are marked unpriced. */
export async function listUnpricedAmong(symbols: readonly string[]): Promise<Set<string>> {
  if (symbols.length === 0) return new Set();
  const { rows } = await getPool().query<{ symbol: string }>(`SELECT symbol FROM unpriced_symbols WHERE symbol = ANY($1::text[])`, [symbols]);
  return new Set(rows.map((row) => row.symbol));
}

/** Clears a symbol's unpriced mark and its failure streak (the admin's retry); false when it was not marked. */
export async function clearUnpricedMark(symbol: string): Promise<boolean> {
  const pool = getPool();
  const removed = await pool.query(`DELETE FROM unpriced_symbols WHERE symbol = $1`, [symbol]);
  await pool.query(`DELETE FROM symbol_pricing_failures WHERE symbol = $1`, [symbol]);
  return (removed.rowCount ?? 0) > 0;
}
