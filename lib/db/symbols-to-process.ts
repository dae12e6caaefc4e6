/**
 * The one "which symbols does the symbol batch process on this date" rule (R19, R11, R16).
 * Every symbol phase (valuations, market data, factors) and the data-driven gate (R19) call this function.
 */
import type pg from "pg";
import { getPool } from "./client";
import { REQUIRED_ETFS } from "@/lib/market-data/etfs";
import { classifySymbol, isMarketDataSymbol, normalizeSymbol } from "@/lib/base/symbols";

export interface ExcludedSymbol {
  symbol: string;
  rule: string;
}

export interface SymbolsToProcess {
  /** Uppercase, de-duplicated, sorted. */
  symbols: string[];
  /** Candidates that were dropped, with the rule that dropped them (sorted by symbol). */
  excluded: ExcludedSymbol[];
}

type Queryable = Pick<pg.Pool, "query">;

// DISTINCT on the positions: the book holds many positions per symbol, and only the symbols need to travel.
const CANDIDATES_SQL = `
  SELECT DISTINCT p.symbol, NULL::boolean AS is_active, NULL::text AS inactive_reason
  FROM positions p JOIN portfolios f ON f.id = p.portfolio_id
  WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL
    AND (p.exit_date IS NULL OR p.exit_date > $1::date)
    AND (p.investment_class IS NULL OR p.investment_class = 'PUBLIC')
  UNION ALL
  SELECT u.symbol, u.is_active, u.inactive_reason FROM symbol_universe u
  UNION ALL
  SELECT n.symbol, false, 'unpriced: ' || n.last_error FROM unpriced_symbols n`;

/**
 * Position symbols (portfolio and position not deleted, not exited by `calcDate`, class PUBLIC or NULL) ∪ active
 * universe symbols ∪ the 17 required ETFs, minus inactive universe symbols, symbols marked unpriced (they failed
 * pricing on 3 consecutive attempted trading days) and every symbol that is not a public
 * ticker on `calcDate` (private, synthetic, options, expired options, malformed). The ETFs are always kept: the
 * factor regressions cannot run without them (R19 adds them after removing the inactive set).
 */
export async function getSymbolsToProcess(calcDate: string, db: Queryable = getPool()): Promise<SymbolsToProcess> {
  const { rows } = await db.query<{ symbol: string; is_active: boolean | null; inactive_reason: string | null }>(
    CANDIDATES_SQL,
    [calcDate],
  );
  const inactive = new Map<string, string | null>();
  const candidates = new Set<string>();
  for (const row of rows) {
    const symbol = normalizeSymbol(row.symbol);
    if (row.is_active === false) inactive.set(symbol, row.inactive_reason);
    else candidates.add(symbol);
  }
  const etfs = new Set<string>(REQUIRED_ETFS);
  const symbols = new Set<string>(REQUIRED_ETFS);
  const excluded = new Map<string, string>();
  for (const symbol of candidates) {
    if (etfs.has(symbol)) continue;
    if (inactive.has(symbol)) {
      const reason = inactive.get(symbol);
      excluded.set(symbol, reason?.startsWith("unpriced: ") ? reason : reason ? `inactive in symbol_universe (${reason})` : "inactive in symbol_universe");
    } else if (!isMarketDataSymbol(symbol, calcDate)) {
      excluded.set(symbol, classifySymbol(symbol, calcDate).rule);
    } else {
      symbols.add(symbol);
    }
  }
  for (const [symbol, reason] of inactive) {
    if (!etfs.has(symbol) && !excluded.has(symbol)) {
      excluded.set(symbol, reason?.startsWith("unpriced: ") ? reason : reason ? `inactive in symbol_universe (${reason})` : "inactive in symbol_universe");
    }
  }
  return {
    symbols: [...symbols].sort(),
    excluded: [...excluded].map(([symbol, rule]) => ({ symbol, rule })).sort((a, b) => a.symbol.localeCompare(b.symbol)),
  };
}

/** ctx.symbols when given (normalized, de-duplicated, non-market symbols dropped), else getSymbolsToProcess. */
export async function resolvePhaseSymbols(calcDate: string, requested?: readonly string[]): Promise<SymbolsToProcess> {
  if (!requested) return getSymbolsToProcess(calcDate);
  const symbols = new Set<string>();
  const excluded: ExcludedSymbol[] = [];
  for (const raw of requested) {
    const symbol = normalizeSymbol(raw);
    if (isMarketDataSymbol(symbol, calcDate)) symbols.add(symbol);
    else excluded.push({ symbol, rule: classifySymbol(symbol, calcDate).rule });
  }
  return { symbols: [...symbols].sort(), excluded };
}
