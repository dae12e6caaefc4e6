/**
 * A date's calculated rows, counted and cleared per phase (`factorwatch batch clear`). Prices and valuations stay:
 * they are the inputs. Clearing a phase also clears what was derived from it on that date (factors → exposures →
 * stress; snapshots take their exposures and stress along), and marks the date's remaining snapshots so the next run
 * recomputes what was removed; a cleared snapshot is a hole the next run fills, restating later snapshots.
 */
import { invalidatePortfolioReadModels } from "./read-models";
import { getPool, withTransaction } from "./client";
import { lockPortfolios } from "./portfolio-ledger";
import { updateCurrentEquity } from "./portfolio-pnl-writes";

export type ClearablePhase = "phase_3_factors" | "phase_4_pnl" | "phase_5_factor_aggregation" | "phase_6_stress";

const TABLES_OF: Record<ClearablePhase, string[]> = {
  phase_3_factors: ["symbol_factor_exposures", "factor_exposures", "portfolio_factor_coverage", "stress_test_results", "stress_test_summaries"],
  phase_4_pnl: ["portfolio_snapshots", "factor_exposures", "portfolio_factor_coverage", "stress_test_results", "stress_test_summaries"],
  phase_5_factor_aggregation: ["factor_exposures", "portfolio_factor_coverage", "stress_test_results", "stress_test_summaries"],
  phase_6_stress: ["stress_test_results", "stress_test_summaries"],
};

const DATE_COLUMN: Record<string, string> = {
  symbol_factor_exposures: "calculation_date", portfolio_snapshots: "snapshot_date", factor_exposures: "calculation_date",
  portfolio_factor_coverage: "calculation_date", stress_test_results: "calculation_date", stress_test_summaries: "calculation_date",
  factor_covariances: "calculation_date",
};

/** The tables a clear of these phases touches (all four phases also drop the date's stored factor covariance). */
export function tablesToClear(phases: readonly ClearablePhase[]): string[] {
  const tables = new Set(phases.flatMap((phase) => TABLES_OF[phase]));
  if (phases.length === Object.keys(TABLES_OF).length) tables.add("factor_covariances");
  return Object.keys(DATE_COLUMN).filter((table) => tables.has(table));
}

export async function countDateRows(date: string, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${DATE_COLUMN[table]} = $1`, [date]);
    counts[table] = rows[0].n;
  }
  return counts;
}

/** The live run that holds one of the date's locks, if any (a clear waits for no run: it refuses). */
export async function findRunHoldingDate(date: string): Promise<string | null> {
  const { rows } = await getPool().query<{ run_id: string }>(
    `SELECT l.run_id FROM batch_date_locks l JOIN batch_runs r ON r.id = l.run_id AND r.status = 'running'
      WHERE l.calc_date = $1 LIMIT 1`, [date]);
  return rows[0]?.run_id ?? null;
}

/** Deletes the date's rows of these tables in one transaction that first locks the affected portfolios. */
export async function clearDateRows(date: string, tables: readonly string[]): Promise<Record<string, number>> {
  return withTransaction(async (client) => {
    const affected = (await client.query<{ id: string }>(
      `SELECT DISTINCT portfolio_id AS id FROM portfolio_snapshots WHERE snapshot_date = $1`, [date])).rows.map((row) => row.id);
    await lockPortfolios(client, affected);
    const removed: Record<string, number> = {};
    for (const table of tables) {
      removed[table] = (await client.query(`DELETE FROM ${table} WHERE ${DATE_COLUMN[table]} = $1`, [date])).rowCount ?? 0;
    }
    // What stays of the date is recomputed by the next run: stale exposures and stress are found by their revision.
    if (tables.includes("factor_exposures")) await client.query(`UPDATE portfolio_snapshots SET exposures_revision = NULL, stress_revision = NULL WHERE snapshot_date = $1`, [date]);
    else if (tables.includes("stress_test_results")) await client.query(`UPDATE portfolio_snapshots SET stress_revision = NULL WHERE snapshot_date = $1`, [date]);
    if (tables.includes("portfolio_snapshots")) await updateCurrentEquity(client, affected);
    await invalidatePortfolioReadModels("all", client);
    return removed;
  });
}
