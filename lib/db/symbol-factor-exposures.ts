import type pg from "pg";
import { EXPECTED_ROWS_PER_METHOD, type FactorMethodTag } from "../risk/factor-definitions";
import { getPool } from "./client";

type Queryable = Pick<pg.Pool, "query">;

/** One symbol_factor_exposures row. Zeros are stored as 0, never NULL (R23); null means "not applicable". */
export interface SymbolFactorExposureRow {
  symbol: string;
  factorId: number;
  calculationDate: string;
  betaValue: number;
  rSquared: number | null;
  observations: number;
  windowStart: string | null;
  windowEnd: string | null;
  standardError: number | null;
  tStat: number | null;
  pValue: number | null;
  isCapped: boolean;
  qualityFlag: string;
  calculationMethod: FactorMethodTag;
  regularizationAlpha: number | null;
  regressionWindowDays: number | null;
}

export interface UniverseSymbol {
  symbol: string;
  assetType: "equity" | "etf";
}

/** factor_definitions ids by name (ids are serial; never assume them). */
export async function getFactorIdsByName(db: Queryable = getPool()): Promise<Map<string, number>> {
  const result = await db.query<{ id: number; name: string }>("SELECT id, name FROM factor_definitions");
  return new Map(result.rows.map((row) => [row.name, row.id]));
}

/**
 * R12 in one statement: inserts missing symbols (first_seen = last_seen = calcDate, active) and moves
 * last_seen_date forward (never back, so a backfill of an older date does not rewind it). is_active is left alone.
 * Returns the rows inserted or changed.
 */
export async function registerUniverseSymbols(
  symbols: readonly UniverseSymbol[],
  calcDate: string,
  db: Queryable = getPool(),
): Promise<number> {
  if (symbols.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO symbol_universe (symbol, asset_type, first_seen_date, last_seen_date, is_active)
     SELECT s.symbol, s.asset_type, $3::date, $3::date, true
       FROM unnest($1::text[], $2::text[]) AS s(symbol, asset_type)
     ON CONFLICT (symbol) DO UPDATE SET
       first_seen_date = LEAST(COALESCE(symbol_universe.first_seen_date, EXCLUDED.first_seen_date), EXCLUDED.first_seen_date),
       last_seen_date = GREATEST(COALESCE(symbol_universe.last_seen_date, EXCLUDED.last_seen_date), EXCLUDED.last_seen_date),
       updated_at = CURRENT_TIMESTAMP
     -- A symbol already seen over this date is left alone: no new row version, no index churn (Phase 1 registered it).
     WHERE symbol_universe.first_seen_date IS NULL OR symbol_universe.last_seen_date IS NULL
        OR symbol_universe.first_seen_date > EXCLUDED.first_seen_date OR symbol_universe.last_seen_date < EXCLUDED.last_seen_date`,
    [symbols.map((entry) => entry.symbol), symbols.map((entry) => entry.assetType), calcDate],
  );
  return result.rowCount ?? 0;
}

export type MethodRowCounts = Partial<Record<FactorMethodTag, number>>;

/** Stored rows per symbol and method tag on `calcDate` (R19: counted by the row-level tag), for `symbols` only. */
export async function countExposureRowsByMethod(
  calcDate: string,
  symbols: readonly string[],
  db: Queryable = getPool(),
): Promise<Map<string, MethodRowCounts>> {
  const counts = new Map<string, MethodRowCounts>();
  if (symbols.length === 0) return counts;
  const result = await db.query<{ symbol: string; method: FactorMethodTag; rows: number }>(
    `SELECT symbol, calculation_method AS method, count(*)::int AS rows
       FROM symbol_factor_exposures
      WHERE calculation_date = $1::date AND symbol = ANY($2::text[])
      GROUP BY symbol, calculation_method`,
    [calcDate, symbols],
  );
  for (const row of result.rows) {
    let entry = counts.get(row.symbol);
    if (!entry) counts.set(row.symbol, (entry = {}));
    entry[row.method] = row.rows;
  }
  return counts;
}

/** R19: every method has its expected row count (ridge 6, spread 4, OLS 1 each; provider 1 when required). */
export function isExposureSetComplete(counts: MethodRowCounts | undefined, requireProvider: boolean): boolean {
  if (!counts) return false;
  const methods: FactorMethodTag[] = ["ridge_regression", "spread_regression", "ols_market", "ols_ir"];
  if (requireProvider) methods.push("provider");
  return methods.every((method) => (counts[method] ?? 0) >= EXPECTED_ROWS_PER_METHOD[method]);
}

/** company_profiles.beta for `symbols` where it is not null and not 0 (R25). */
export async function getProviderBetas(symbols: readonly string[], db: Queryable = getPool()): Promise<Map<string, number>> {
  if (symbols.length === 0) return new Map();
  const result = await db.query<{ symbol: string; beta: number }>(
    `SELECT symbol, beta FROM company_profiles WHERE symbol = ANY($1::text[]) AND beta IS NOT NULL AND beta <> 0`,
    [symbols],
  );
  return new Map(result.rows.map((row) => [row.symbol, row.beta]));
}
