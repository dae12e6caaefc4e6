import { getPool } from "../client";

export interface UniverseSymbolRow {
  symbol: string;
  assetType: "equity" | "etf";
  sector: string | null;
  industry: string | null;
}

/**
 * Inserts symbols that got prices into symbol_universe (first/last seen = `seenDate`) or widens their seen range;
 * sector/industry are only filled, never erased; is_active is never touched. Returns rows inserted or changed.
 */
export async function upsertUniverseSymbols(rows: readonly UniverseSymbolRow[], seenDate: string): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await getPool().query(
    `INSERT INTO symbol_universe (symbol, asset_type, sector, industry, first_seen_date, last_seen_date)
     SELECT r.symbol, r.asset_type, r.sector, r.industry, $5::date, $5::date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(symbol, asset_type, sector, industry)
     ON CONFLICT (symbol) DO UPDATE SET
       sector = COALESCE(EXCLUDED.sector, symbol_universe.sector),
       industry = COALESCE(EXCLUDED.industry, symbol_universe.industry),
       first_seen_date = LEAST(COALESCE(symbol_universe.first_seen_date, EXCLUDED.first_seen_date), EXCLUDED.first_seen_date),
       last_seen_date = GREATEST(COALESCE(symbol_universe.last_seen_date, EXCLUDED.last_seen_date), EXCLUDED.last_seen_date),
       updated_at = now()
     WHERE (symbol_universe.sector, symbol_universe.industry, symbol_universe.first_seen_date, symbol_universe.last_seen_date)
       IS DISTINCT FROM (COALESCE(EXCLUDED.sector, symbol_universe.sector), COALESCE(EXCLUDED.industry, symbol_universe.industry),
         LEAST(COALESCE(symbol_universe.first_seen_date, EXCLUDED.first_seen_date), EXCLUDED.first_seen_date),
         GREATEST(COALESCE(symbol_universe.last_seen_date, EXCLUDED.last_seen_date), EXCLUDED.last_seen_date))`,
    [rows.map((r) => r.symbol), rows.map((r) => r.assetType), rows.map((r) => r.sector), rows.map((r) => r.industry), seenDate],
  );
  return result.rowCount ?? 0;
}
