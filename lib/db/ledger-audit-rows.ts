/** The rows the ledger audit checks (lib/batch/ledger-audit.ts): snapshots with their derived-row facts, and stress sums. */
import { getPool } from "./client";

export interface AuditPortfolioRow {
  id: string;
  inceptionDate: string;
  startingEquity: number;
  currentEquity: number;
  currentEquityDate: string | null;
}

export interface AuditSnapshotRow {
  portfolioId: string;
  date: string;
  complete: boolean;
  equity: number;
  dailyPnl: number;
  dailyRealized: number;
  dailyFlow: number;
  cumulativePnl: number;
  cumulativeRealized: number;
  cumulativeFlow: number;
  revision: number;
  exposuresRevision: number | null;
  stressRevision: number | null;
  hasCoverage: boolean;
  exposureRows: number;
  stressRows: number;
}

export async function listAuditPortfolios(): Promise<AuditPortfolioRow[]> {
  const { rows } = await getPool().query(
    `SELECT id, inception_date, starting_equity, current_equity, current_equity_date FROM portfolios WHERE deleted_at IS NULL ORDER BY id`);
  return rows.map((row) => ({
    id: row.id, inceptionDate: row.inception_date, startingEquity: row.starting_equity, currentEquity: row.current_equity, currentEquityDate: row.current_equity_date,
  }));
}

/**
 * Snapshots of non-deleted portfolios dated in [from, to] (null bounds: open), plus each portfolio's latest complete
 * snapshot before `from` (the link the window's chain continues), ordered by portfolio and date.
 */
export async function listAuditSnapshots(from: string | null, to: string | null): Promise<AuditSnapshotRow[]> {
  const { rows } = await getPool().query(
    `WITH chosen AS (
       SELECT s.* FROM portfolio_snapshots s JOIN portfolios p ON p.id = s.portfolio_id AND p.deleted_at IS NULL
        WHERE ($1::date IS NULL OR s.snapshot_date >= $1) AND ($2::date IS NULL OR s.snapshot_date <= $2)
       UNION ALL
       SELECT l.* FROM portfolios p CROSS JOIN LATERAL (
         SELECT * FROM portfolio_snapshots s WHERE s.portfolio_id = p.id AND s.is_complete AND $1::date IS NOT NULL AND s.snapshot_date < $1
          ORDER BY s.snapshot_date DESC LIMIT 1) l
        WHERE p.deleted_at IS NULL)
     SELECT c.portfolio_id, c.snapshot_date, c.is_complete, c.equity_balance, c.daily_pnl, c.daily_realized_pnl, c.daily_capital_flow,
            c.cumulative_pnl, c.cumulative_realized_pnl, c.cumulative_capital_flow, c.revision, c.exposures_revision, c.stress_revision,
            (cov.portfolio_id IS NOT NULL) AS has_coverage, coalesce(ex.n, 0)::int AS exposure_rows, coalesce(st.n, 0)::int AS stress_rows
       FROM chosen c
       LEFT JOIN portfolio_factor_coverage cov ON cov.portfolio_id = c.portfolio_id AND cov.calculation_date = c.snapshot_date
       LEFT JOIN (SELECT portfolio_id, calculation_date, count(*) AS n FROM factor_exposures GROUP BY 1, 2) ex
              ON ex.portfolio_id = c.portfolio_id AND ex.calculation_date = c.snapshot_date
       LEFT JOIN (SELECT portfolio_id, calculation_date, count(*) AS n FROM stress_test_results GROUP BY 1, 2) st
              ON st.portfolio_id = c.portfolio_id AND st.calculation_date = c.snapshot_date
      ORDER BY c.portfolio_id, c.snapshot_date`,
    [from, to],
  );
  return rows.map((row) => ({
    portfolioId: row.portfolio_id, date: row.snapshot_date, complete: row.is_complete, equity: row.equity_balance, dailyPnl: row.daily_pnl,
    dailyRealized: row.daily_realized_pnl, dailyFlow: row.daily_capital_flow, cumulativePnl: row.cumulative_pnl,
    cumulativeRealized: row.cumulative_realized_pnl, cumulativeFlow: row.cumulative_capital_flow, revision: row.revision,
    exposuresRevision: row.exposures_revision, stressRevision: row.stress_revision, hasCoverage: row.has_coverage,
    exposureRows: row.exposure_rows, stressRows: row.stress_rows,
  }));
}

/** The latest complete snapshot of every non-deleted portfolio (whatever the window), for the current-equity check. */
export async function listLatestSnapshots(): Promise<Map<string, { date: string; equity: number }>> {
  const { rows } = await getPool().query<{ id: string; snapshot_date: string; equity_balance: number }>(
    `SELECT p.id, l.snapshot_date, l.equity_balance FROM portfolios p CROSS JOIN LATERAL (
       SELECT snapshot_date, equity_balance FROM portfolio_snapshots s WHERE s.portfolio_id = p.id AND s.is_complete
        ORDER BY snapshot_date DESC LIMIT 1) l WHERE p.deleted_at IS NULL`);
  return new Map(rows.map((row) => [row.id, { date: row.snapshot_date, equity: row.equity_balance }]));
}

/** Stress rows in the window whose per-factor contributions do not sum to their totals to the cent. */
export async function listStressSumMismatches(from: string | null, to: string | null): Promise<{ checked: number; mismatches: { portfolioId: string; date: string; scenarioId: string; message: string }[] }> {
  const { rows } = await getPool().query(
    `WITH sums AS (
       SELECT r.portfolio_id, r.calculation_date, s.scenario_id, r.direct_pnl, r.correlated_pnl, r.correlation_effect,
              (SELECT coalesce(sum(round(coalesce(v->>'d', v->>'directPnl')::numeric, 2)), 0) FROM jsonb_each(r.factor_impacts::jsonb) AS e(k, v)) AS direct_sum,
              (SELECT coalesce(sum(round(coalesce(v->>'c', v->>'correlatedPnl')::numeric, 2)), 0) FROM jsonb_each(r.factor_impacts::jsonb) AS e(k, v)) AS correlated_sum
         FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
        WHERE ($1::date IS NULL OR r.calculation_date >= $1) AND ($2::date IS NULL OR r.calculation_date <= $2))
     SELECT (SELECT count(*)::int FROM sums) AS checked, portfolio_id, calculation_date, scenario_id, direct_pnl, correlated_pnl,
            correlation_effect, direct_sum, correlated_sum
       FROM sums WHERE direct_sum <> direct_pnl OR correlated_sum <> correlated_pnl OR correlation_effect <> correlated_pnl - direct_pnl
     UNION ALL SELECT (SELECT count(*)::int FROM sums), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL`,
    [from, to],
  );
  const checked = rows[0]?.checked ?? 0;
  return {
    checked,
    mismatches: rows.filter((row) => row.portfolio_id !== null).map((row) => ({
      portfolioId: row.portfolio_id, date: row.calculation_date, scenarioId: row.scenario_id,
      message: `stress ${row.scenario_id}: contributions sum to direct ${row.direct_sum} / correlated ${row.correlated_sum}, totals are ${row.direct_pnl} / ${row.correlated_pnl} (effect ${row.correlation_effect})`,
    })),
  };
}

export async function countActiveScenarios(): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM stress_test_scenarios WHERE active`);
  return rows[0].n;
}
