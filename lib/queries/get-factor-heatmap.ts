import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { FACTOR_DEFINITIONS } from "@/lib/risk/factor-definitions";
import type { FactorHeatmap } from "@/lib/schemas/factor-dto";

export type { FactorHeatmap } from "@/lib/schemas/factor-dto";

/** Symbol × 13 factors (display order) for one stored date (default: the latest). */
export async function getFactorHeatmap(viewer: Viewer, requestedDate?: string): Promise<FactorHeatmap> {
  assertAdmin(viewer);
  const pool = getPool();
  const { rows: dateRows } = await pool.query<{ d: string }>(
    `SELECT DISTINCT calculation_date AS d FROM symbol_factor_exposures ORDER BY d DESC LIMIT 120`);
  const availableDates = dateRows.map((row) => row.d);
  const date = requestedDate && availableDates.includes(requestedDate) ? requestedDate : availableDates[0] ?? null;
  const factorNames = FACTOR_DEFINITIONS.map((factor) => factor.name);
  if (!date) return { date, availableDates, factorNames, rows: [] };
  const { rows } = await pool.query<{ symbol: string; name: string; beta_value: number; is_capped: boolean }>(
    `SELECT x.symbol, d.name, x.beta_value, x.is_capped FROM symbol_factor_exposures x JOIN factor_definitions d ON d.id = x.factor_id
      WHERE x.calculation_date = $1 ORDER BY x.symbol`, [date]);
  const bySymbol = new Map<string, { betas: (number | null)[]; capped: boolean[] }>();
  for (const row of rows) {
    const entry = bySymbol.get(row.symbol) ?? { betas: factorNames.map(() => null), capped: factorNames.map(() => false) };
    const index = factorNames.indexOf(row.name);
    if (index >= 0) { entry.betas[index] = row.beta_value; entry.capped[index] = row.is_capped; }
    bySymbol.set(row.symbol, entry);
  }
  return { date, availableDates, factorNames, rows: [...bySymbol.entries()].map(([symbol, entry]) => ({ symbol, ...entry })) };
}
