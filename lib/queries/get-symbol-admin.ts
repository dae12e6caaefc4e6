import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { listUnpricedSymbols } from "@/lib/db/symbol-pricing";
import { latestCompletedTradingDay } from "@/lib/base/calendar";
import { classifySymbol } from "@/lib/base/symbols";
import type { SymbolAdmin } from "@/lib/schemas/symbol-dto";

export type { SymbolAdmin } from "@/lib/schemas/symbol-dto";

/** Classifies position symbols with the one rule set; everything that is not a public equity is listed with its rule. */
export function listFilteredSymbols(symbols: { symbol: string; positions: number }[], asOf: string): SymbolAdmin["filtered"] {
  return symbols
    .map(({ symbol, positions }) => ({ symbol, positions, ...classifySymbol(symbol, asOf) }))
    .filter((row) => row.kind !== "public")
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.symbol.localeCompare(b.symbol));
}

export async function getSymbolAdmin(viewer: Viewer, now = new Date()): Promise<SymbolAdmin> {
  assertAdmin(viewer);
  const pool = getPool();
  const asOf = latestCompletedTradingDay(now);
  const [universe, jobs, positionSymbols, unpriced] = await Promise.all([
    pool.query(`SELECT u.symbol, u.sector, u.is_active, u.inactive_reason,
                       (SELECT max(date) FROM market_data m WHERE m.symbol = u.symbol) AS last_price_date,
                       (SELECT count(*)::int FROM positions p WHERE p.symbol = u.symbol AND p.deleted_at IS NULL) AS positions
                  FROM symbol_universe u ORDER BY u.is_active DESC, u.symbol`),
    pool.query(`SELECT id, symbol, status, attempts, error, created_at, completed_at FROM symbol_onboarding_jobs ORDER BY created_at DESC LIMIT 200`),
    pool.query<{ symbol: string; positions: number }>(`SELECT symbol, count(*)::int AS positions FROM positions WHERE deleted_at IS NULL GROUP BY symbol`),
    listUnpricedSymbols(),
  ]);
  return {
    asOf,
    universe: universe.rows.map((row) => ({
      symbol: row.symbol, sector: row.sector, isActive: row.is_active, inactiveReason: row.inactive_reason, lastPriceDate: row.last_price_date, positions: row.positions,
    })),
    jobs: jobs.rows.map((row) => ({
      id: row.id, symbol: row.symbol, status: row.status, attempts: row.attempts, error: row.error,
      createdAt: row.created_at.toISOString(), completedAt: row.completed_at?.toISOString() ?? null,
    })),
    filtered: listFilteredSymbols(positionSymbols.rows, asOf),
    unpriced,
  };
}
