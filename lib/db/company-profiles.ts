/**
 * company_profiles valuation fields (R23): stale-symbol reads and a COALESCE upsert, so a field
 * the provider did not send never erases a stored value.
 */
import { getPool } from "./client";

export interface ValuationRow {
  symbol: string;
  peRatio: number | null;
  forwardPe: number | null;
  beta: number | null;
  week52High: number | null;
  week52Low: number | null;
  marketCap: number | null;
  dividendYield: number | null;
}

/** Symbols whose profile is missing, has no beta, or was last updated before `freshSince`. Input order kept. */
export async function listStaleValuationSymbols(symbols: readonly string[], freshSince: Date): Promise<string[]> {
  if (symbols.length === 0) return [];
  const { rows } = await getPool().query<{ symbol: string }>(
    `SELECT s.symbol FROM unnest($1::text[]) WITH ORDINALITY AS s(symbol, ord)
     LEFT JOIN company_profiles c ON c.symbol = s.symbol
     WHERE c.symbol IS NULL OR c.beta IS NULL OR c.last_updated < $2
     ORDER BY s.ord`,
    [symbols, freshSince],
  );
  return rows.map((row) => row.symbol);
}

/** Column limits of company_profiles; a value that would overflow is dropped (stored value kept) instead of failing. */
const LIMITS: Record<Exclude<keyof ValuationRow, "symbol">, number> = {
  peRatio: 1e12, forwardPe: 1e12, beta: 1e4, week52High: 1e10, week52Low: 1e10, marketCap: 1e18, dividendYield: 1e4,
};

function fit(value: number | null, limit: number): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) < limit ? value : null;
}

/** Upserts in one statement; returns how many profiles were created and how many updated. */
export async function upsertValuations(rows: readonly ValuationRow[], now: Date): Promise<{ created: number; updated: number }> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const column = (key: keyof typeof LIMITS) => rows.map((row) => fit(row[key], LIMITS[key]));
  const { rows: written } = await getPool().query<{ inserted: boolean }>(
    `INSERT INTO company_profiles (symbol, pe_ratio, forward_pe, beta, week_52_high, week_52_low, market_cap, dividend_yield, last_updated, updated_at)
     SELECT r.*, $9::timestamptz, $9::timestamptz
     FROM unnest($1::text[], $2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[])
       AS r(symbol, pe_ratio, forward_pe, beta, week_52_high, week_52_low, market_cap, dividend_yield)
     ON CONFLICT (symbol) DO UPDATE SET
       pe_ratio = COALESCE(EXCLUDED.pe_ratio, company_profiles.pe_ratio),
       forward_pe = COALESCE(EXCLUDED.forward_pe, company_profiles.forward_pe),
       beta = COALESCE(EXCLUDED.beta, company_profiles.beta),
       week_52_high = COALESCE(EXCLUDED.week_52_high, company_profiles.week_52_high),
       week_52_low = COALESCE(EXCLUDED.week_52_low, company_profiles.week_52_low),
       market_cap = COALESCE(EXCLUDED.market_cap, company_profiles.market_cap),
       dividend_yield = COALESCE(EXCLUDED.dividend_yield, company_profiles.dividend_yield),
       last_updated = EXCLUDED.last_updated, updated_at = EXCLUDED.updated_at
     RETURNING (xmax = 0) AS inserted`,
    [
      rows.map((row) => row.symbol), column("peRatio"), column("forwardPe"), column("beta"), column("week52High"),
      column("week52Low"), column("marketCap"), column("dividendYield"), now,
    ],
  );
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created };
}
