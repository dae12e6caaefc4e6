/** One portfolio's ledger as the command line shows it: its chain of snapshots and its latest exposures and stress. */
import { getPool } from "./client";

export interface PortfolioReport {
  id: string;
  name: string;
  owner: string;
  inceptionDate: string;
  startingEquity: number;
  currentEquity: number;
  currentEquityDate: string | null;
  snapshots: { date: string; equity: number; dailyPnl: number; cumulativePnl: number; complete: boolean }[];
  exposures: { date: string; factors: { factor: string; beta: number; dollars: number }[] } | null;
  stress: { date: string; scenarios: number; worst: number; worstScenario: string; best: number; bestScenario: string; mean: number } | null;
}

/** The report, or null when no (non-deleted) portfolio has this id. */
export async function getPortfolioReport(portfolioId: string): Promise<PortfolioReport | null> {
  const pool = getPool();
  const { rows } = await pool.query(
    `SELECT p.id, p.name, u.email, p.inception_date, p.starting_equity, p.current_equity, p.current_equity_date
       FROM portfolios p JOIN users u ON u.id = p.user_id WHERE p.id = $1 AND p.deleted_at IS NULL`, [portfolioId]);
  const portfolio = rows[0];
  if (!portfolio) return null;
  const [snapshots, exposures, stress] = await Promise.all([
    pool.query(`SELECT snapshot_date, equity_balance, daily_pnl, cumulative_pnl, is_complete FROM portfolio_snapshots
                 WHERE portfolio_id = $1 ORDER BY snapshot_date`, [portfolioId]),
    pool.query(`SELECT e.calculation_date, f.name, e.exposure_value, e.exposure_dollar FROM factor_exposures e
                  JOIN factor_definitions f ON f.id = e.factor_id
                 WHERE e.portfolio_id = $1 AND e.calculation_date = (SELECT max(calculation_date) FROM factor_exposures WHERE portfolio_id = $1)
                 ORDER BY f.display_order`, [portfolioId]),
    pool.query(`SELECT calculation_date, scenarios_tested, worst_pnl, worst_scenario_id, best_pnl, best_scenario_id, mean_pnl
                  FROM stress_test_summaries WHERE portfolio_id = $1 ORDER BY calculation_date DESC LIMIT 1`, [portfolioId]),
  ]);
  const s = stress.rows[0];
  return {
    id: portfolio.id, name: portfolio.name, owner: portfolio.email, inceptionDate: portfolio.inception_date,
    startingEquity: portfolio.starting_equity, currentEquity: portfolio.current_equity, currentEquityDate: portfolio.current_equity_date,
    snapshots: snapshots.rows.map((row) => ({
      date: row.snapshot_date, equity: row.equity_balance, dailyPnl: row.daily_pnl, cumulativePnl: row.cumulative_pnl, complete: row.is_complete,
    })),
    exposures: exposures.rows.length === 0 ? null : {
      date: exposures.rows[0].calculation_date,
      factors: exposures.rows.map((row) => ({ factor: row.name, beta: row.exposure_value, dollars: row.exposure_dollar })),
    },
    stress: s ? {
      date: s.calculation_date, scenarios: s.scenarios_tested, worst: s.worst_pnl, worstScenario: s.worst_scenario_id,
      best: s.best_pnl, bestScenario: s.best_scenario_id, mean: s.mean_pnl,
    } : null,
  };
}

/** The user id of an email (case-insensitive), or null. */
export async function findUserIdByEmail(email: string): Promise<string | null> {
  const { rows } = await getPool().query<{ id: string }>(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email.trim()]);
  return rows[0]?.id ?? null;
}
