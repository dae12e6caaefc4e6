/**
 * Test helpers for the ledger tests: the symbol data of some dates (prices and factors from the simulated market),
 * portfolio-phase runs over chosen portfolios, and the stored ledger rows of a portfolio in a comparable shape.
 */
import { expect } from "vitest";
import { executeRun, type RunOutcome } from "../batch/run-in-process";
import { createRun } from "../batch/run-lifecycle";
import type { PhaseKey, RefreshMode } from "../batch/phase-types";
import { getPool } from "../db/client";
import { REQUIRED_ETFS } from "../market-data/etfs";

export const PORTFOLIO_PHASES: PhaseKey[] = ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"];

/** Prices (a year back) and factors of `symbols` plus the regressor ETFs on each date, in one run. */
export async function buildSymbolData(dates: readonly string[], symbols: readonly string[]): Promise<void> {
  const lease = await createRun({
    jobType: "rerun", triggeredBy: "cli",
    params: { work: dates.map((date) => ({ date, phases: ["phase_1_market_data", "phase_3_factors"], symbols: [...REQUIRED_ETFS, ...symbols] })) },
  });
  const outcome = await executeRun(lease);
  expect(outcome.status, JSON.stringify(outcome)).toBe("completed");
}

/** Phases 4–6 of one date for these portfolios (a rerun, or a fill like the nightly), in one run. */
export async function refreshPortfolios(date: string, portfolioIds: readonly string[], mode: RefreshMode = "recompute"): Promise<RunOutcome> {
  const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ date, phases: PORTFOLIO_PHASES, portfolioIds: [...portfolioIds], mode }] } });
  return executeRun(lease);
}

/** A portfolio's snapshots, exposures and stress rows without ids, timestamps and revisions (money as exact text). */
export async function ledgerRows(portfolioId: string): Promise<{ snapshots: unknown[]; exposures: unknown[]; stress: unknown[]; summaries: unknown[] }> {
  const pool = getPool();
  const [snapshots, exposures, stress, summaries] = await Promise.all([
    pool.query(`SELECT snapshot_date, is_complete, equity_balance::text, daily_pnl::text, daily_return, cumulative_pnl::text, daily_realized_pnl::text,
                       cumulative_realized_pnl::text, daily_capital_flow::text, cumulative_capital_flow::text, long_value::text, short_value::text,
                       gross_exposure::text, net_exposure::text, cash_value::text, num_positions, beta_calculated_90d, hhi
                  FROM portfolio_snapshots WHERE portfolio_id = $1 ORDER BY snapshot_date`, [portfolioId]),
    pool.query(`SELECT calculation_date, factor_id, exposure_value::text, exposure_dollar::text FROM factor_exposures
                 WHERE portfolio_id = $1 ORDER BY calculation_date, factor_id`, [portfolioId]),
    pool.query(`SELECT r.calculation_date, s.scenario_id, r.direct_pnl::text, r.correlated_pnl::text, r.factor_impacts FROM stress_test_results r
                  JOIN stress_test_scenarios s ON s.id = r.scenario_id WHERE r.portfolio_id = $1 ORDER BY r.calculation_date, s.scenario_id`, [portfolioId]),
    pool.query(`SELECT calculation_date, scenarios_tested, worst_pnl::text, best_pnl::text, mean_pnl::text FROM stress_test_summaries
                 WHERE portfolio_id = $1 ORDER BY calculation_date`, [portfolioId]),
  ]);
  // factor_impacts is JSON text: compared by content, as when it was JSONB.
  const stressRows = stress.rows.map((row) => ({ ...row, factor_impacts: JSON.parse(row.factor_impacts) }));
  return { snapshots: snapshots.rows, exposures: exposures.rows, stress: stressRows, summaries: summaries.rows };
}

export async function snapshotOn(portfolioId: string, date: string) {
  const { rows } = await getPool().query(`SELECT * FROM portfolio_snapshots WHERE portfolio_id = $1 AND snapshot_date = $2`, [portfolioId, date]);
  return rows[0] ?? null;
}
