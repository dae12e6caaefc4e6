/**
 * Set-based reads of what market_data already holds for a window: one query for per-symbol coverage, one for the
 * first missing trading day of the incomplete symbols, one for the stored values a fetch overlaps.
 */
import { getPool } from "../client";

export interface SymbolCoverage {
  symbol: string;
  /** Stored rows with date in [from, to]. */
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  hasCalcDate: boolean;
  /** close / adj_close of the last stored row on or before `to` (any age). */
  lastClose: number | null;
  lastAdjClose: number | null;
}

/** Coverage per requested symbol in [from, to], `to` being the calc date; every requested symbol gets an entry. */
export async function getMarketDataCoverage(
  symbols: readonly string[],
  window: { from: string; to: string },
): Promise<Map<string, SymbolCoverage>> {
  const { rows } = await getPool().query<{
    symbol: string; rows: number; first_date: string | null; last_date: string | null; has_calc_date: boolean;
    last_close: number | null; last_adj_close: number | null;
  }>(
    `SELECT s.symbol, c.rows, c.first_date, c.last_date, c.has_calc_date, l.close AS last_close, l.adj_close AS last_adj_close
     FROM unnest($1::text[]) AS s(symbol)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS rows, min(m.date) AS first_date, max(m.date) AS last_date,
              coalesce(bool_or(m.date = $3::date), false) AS has_calc_date
       FROM market_data m WHERE m.symbol = s.symbol AND m.date BETWEEN $2::date AND $3::date) c
     LEFT JOIN LATERAL (
       SELECT m.close, m.adj_close FROM market_data m
       WHERE m.symbol = s.symbol AND m.date <= $3::date ORDER BY m.date DESC LIMIT 1) l ON true`,
    [symbols, window.from, window.to],
  );
  const coverage = new Map<string, SymbolCoverage>();
  for (const row of rows) {
    coverage.set(row.symbol, {
      symbol: row.symbol, rows: row.rows, firstDate: row.first_date, lastDate: row.last_date,
      hasCalcDate: row.has_calc_date, lastClose: row.last_close, lastAdjClose: row.last_adj_close,
    });
  }
  return coverage;
}

export interface SymbolGap {
  symbol: string;
  /** Oldest trading day of the list without a stored row. */
  firstMissing: string;
  missingCount: number;
  /** Last stored trading day before `firstMissing` (inside the list), used to check the provider's history. */
  anchorDate: string | null;
}

/** For each symbol, which of `tradingDays` (ascending) have no stored row. Symbols with no gap are absent. */
export async function getMarketDataGaps(symbols: readonly string[], tradingDays: readonly string[]): Promise<Map<string, SymbolGap>> {
  const gaps = new Map<string, SymbolGap>();
  if (symbols.length === 0 || tradingDays.length === 0) return gaps;
  const { rows } = await getPool().query<{ symbol: string; first_missing: string; missing_count: number; anchor_date: string | null }>(
    `WITH missing AS (
       SELECT s.symbol, min(d.day) AS first_missing, count(*)::int AS missing_count
       FROM unnest($1::text[]) AS s(symbol) CROSS JOIN unnest($2::date[]) AS d(day)
       WHERE NOT EXISTS (SELECT 1 FROM market_data m WHERE m.symbol = s.symbol AND m.date = d.day)
       GROUP BY s.symbol)
     SELECT g.symbol, g.first_missing, g.missing_count,
       (SELECT max(m.date) FROM market_data m
        WHERE m.symbol = g.symbol AND m.date >= $3::date AND m.date < g.first_missing) AS anchor_date
     FROM missing g`,
    [symbols, tradingDays, tradingDays[0]],
  );
  for (const row of rows) {
    gaps.set(row.symbol, { symbol: row.symbol, firstMissing: row.first_missing, missingCount: row.missing_count, anchorDate: row.anchor_date });
  }
  return gaps;
}

export interface StoredPrice {
  close: number;
  adjClose: number | null;
}

/** Stored close/adj_close per symbol and date for date in [from_i, to]; one query for all symbols. */
export async function listStoredPrices(
  requests: readonly { symbol: string; from: string }[],
  to: string,
): Promise<Map<string, Map<string, StoredPrice>>> {
  const stored = new Map<string, Map<string, StoredPrice>>();
  if (requests.length === 0) return stored;
  const { rows } = await getPool().query<{ symbol: string; date: string; close: number; adj_close: number | null }>(
    `SELECT m.symbol, m.date, m.close, m.adj_close
     FROM unnest($1::text[], $2::date[]) AS r(symbol, from_date)
     JOIN market_data m ON m.symbol = r.symbol AND m.date >= r.from_date AND m.date <= $3::date`,
    [requests.map((r) => r.symbol), requests.map((r) => r.from), to],
  );
  for (const row of rows) {
    let bySymbol = stored.get(row.symbol);
    if (!bySymbol) stored.set(row.symbol, (bySymbol = new Map()));
    bySymbol.set(row.date, { close: row.close, adjClose: row.adj_close });
  }
  return stored;
}

/** The oldest stored date of one symbol, or null. */
export async function getOldestStoredDate(symbol: string): Promise<string | null> {
  const { rows } = await getPool().query<{ oldest: string | null }>("SELECT min(date) AS oldest FROM market_data WHERE symbol = $1", [symbol]);
  return rows[0]?.oldest ?? null;
}
