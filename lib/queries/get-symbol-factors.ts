import "server-only";
import { assertAdmin, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { FACTOR_DEFINITIONS, MARKET_BETA_FACTOR, PROVIDER_BETA_FACTOR } from "@/lib/risk/factor-definitions";
import type { SymbolFactorRow, SymbolFactors } from "@/lib/schemas/factor-dto";

export type { SymbolFactors } from "@/lib/schemas/factor-dto";

/** A symbol's 13 betas and their history; NotFoundError for a symbol outside the universe. */
export async function getSymbolFactors(viewer: Viewer, rawSymbol: string, requestedDate?: string): Promise<SymbolFactors> {
  assertAdmin(viewer);
  const symbol = rawSymbol.trim().toUpperCase();
  const pool = getPool();
  const { rows: universe } = await pool.query(`SELECT sector, is_active FROM symbol_universe WHERE symbol = $1`, [symbol]);
  if (!universe[0]) throw new NotFoundError(`Symbol ${symbol} not found.`);
  const { rows: history } = await pool.query<{ d: string; name: string; beta_value: number }>(
    `SELECT x.calculation_date AS d, f.name, x.beta_value FROM symbol_factor_exposures x JOIN factor_definitions f ON f.id = x.factor_id
      WHERE x.symbol = $1 ORDER BY x.calculation_date`, [symbol]);
  const dates = [...new Set(history.map((row) => row.d))];
  const date = requestedDate && dates.includes(requestedDate) ? requestedDate : dates.at(-1) ?? null;
  const [{ rows: current }, { rows: profile }] = await Promise.all([
    pool.query(`SELECT f.name, x.* FROM symbol_factor_exposures x JOIN factor_definitions f ON f.id = x.factor_id
                 WHERE x.symbol = $1 AND x.calculation_date = $2`, [symbol, date]),
    pool.query<{ beta: number | null }>(`SELECT beta FROM company_profiles WHERE symbol = $1`, [symbol]),
  ]);
  const byName = new Map(current.map((row) => [row.name as string, row]));
  const factors = FACTOR_DEFINITIONS.map((factor): SymbolFactorRow => {
    const row = byName.get(factor.name);
    return {
      name: factor.name, description: factor.description, method: row?.calculation_method ?? null, beta: row?.beta_value ?? null,
      rSquared: row?.r_squared ?? null, n: row?.observations ?? null, standardError: row?.standard_error ?? null, tStat: row?.t_stat ?? null,
      pValue: row?.p_value ?? null, windowStart: row?.window_start ?? null, windowEnd: row?.window_end ?? null,
      isCapped: row?.is_capped ?? false, qualityFlag: row?.quality_flag ?? null,
    };
  });
  const points = new Map<string, Record<string, string | number | null>>();
  for (const row of history) {
    const point = points.get(row.d) ?? { date: row.d };
    point[row.name] = row.beta_value;
    points.set(row.d, point);
  }
  const provider = factors.find((factor) => factor.name === PROVIDER_BETA_FACTOR);
  return {
    symbol, date, sector: universe[0].sector, isActive: universe[0].is_active, factors,
    providerBeta: provider?.beta ?? profile[0]?.beta ?? null,
    providerBetaSource: FACTOR_DEFINITIONS.find((factor) => factor.name === PROVIDER_BETA_FACTOR)!.description,
    computedMarketBeta: factors.find((factor) => factor.name === MARKET_BETA_FACTOR)?.beta ?? null,
    factorNames: FACTOR_DEFINITIONS.map((factor) => factor.name),
    history: [...points.values()],
  };
}
