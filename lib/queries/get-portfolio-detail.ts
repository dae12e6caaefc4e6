import "server-only";
import { assertSignedIn, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { poolWithSignal } from "@/lib/db/read-models";
import { listUnpricedAmong } from "@/lib/db/symbol-pricing";
import { FACTOR_DEFINITIONS } from "@/lib/risk/factor-definitions";
import { classifySymbol, createPublicEquityPredicate } from "@/lib/base/symbols";
import { isUuid } from "@/lib/base/uuid";
import { readStoredStressResult, toStressDecomposition } from "./to-stress-decomposition";
import type { FactorStatDto, HoldingDto, OnboardingStatus, OnboardingSymbolDto, PortfolioDetail } from "@/lib/schemas/portfolio-dto";

export type { PortfolioDetail } from "@/lib/schemas/portfolio-dto";

interface JobRow {
  symbol: string; status: string; attempts: number; error: string | null; portfolio_id: string | null;
  created_at: Date; completed_at: Date | null; recent: boolean;
}

const toOnboardingStatus = (status: string): OnboardingStatus =>
  status === "pending" ? "queued" : status === "processing" || status === "failed" ? status : "completed";

/**
 * The viewer's own portfolio. NotFoundError when it does not exist, is deleted, or belongs to someone else (an
 * admin's view of another user's portfolio included): the three answer alike, so ids cannot be probed.
 */
export async function getPortfolioDetail(viewer: Viewer, portfolioId: string, signal?: AbortSignal): Promise<PortfolioDetail> {
  assertSignedIn(viewer);
  const pool = poolWithSignal(signal);
  const { rows: owned } = isUuid(portfolioId) ? await pool.query(
    `SELECT id, name, starting_equity, current_equity, current_equity_date, inception_date FROM portfolios
      WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`, [portfolioId, viewer.userId]) : { rows: [] };
  const portfolio = owned[0];
  if (!portfolio) throw new NotFoundError("Portfolio not found.");
  const { rows: dateRows } = await pool.query<{ date: string | null }>(
    `SELECT max(calculation_date) AS date FROM factor_exposures WHERE portfolio_id = $1`, [portfolioId]);
  const calcDate = dateRows[0]?.date ?? null;
  const [exposures, coverage, positions, snapshots, stress] = await Promise.all([
    pool.query(`SELECT d.name, e.exposure_value, e.exposure_dollar FROM factor_exposures e JOIN factor_definitions d ON d.id = e.factor_id
                 WHERE e.portfolio_id = $1 AND e.calculation_date = $2`, [portfolioId, calcDate]),
    pool.query(`SELECT * FROM portfolio_factor_coverage WHERE portfolio_id = $1 AND calculation_date = $2`, [portfolioId, calcDate]),
    pool.query(`SELECT id, symbol, display_name, position_type, quantity, market_value, investment_class, exit_date FROM positions
                 WHERE portfolio_id = $1 AND deleted_at IS NULL ORDER BY abs(coalesce(market_value, 0)) DESC, symbol`, [portfolioId]),
    pool.query(`SELECT snapshot_date, equity_balance, daily_pnl, cumulative_pnl, daily_return FROM portfolio_snapshots
                 WHERE portfolio_id = $1 AND is_complete ORDER BY snapshot_date`, [portfolioId]),
    pool.query(`SELECT s.scenario_id, s.name, s.category, s.severity, s.owner_user_id IS NOT NULL AS personal, r.correlated_pnl, r.direct_pnl,
                       r.direct_cap_applied, r.correlated_cap_applied, r.factor_impacts, r.calculation_metadata, r.calculation_date,
                       (SELECT equity_balance FROM portfolio_snapshots ps WHERE ps.portfolio_id = r.portfolio_id AND ps.snapshot_date <= r.calculation_date
                         ORDER BY ps.snapshot_date DESC LIMIT 1) AS equity
                  FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
                 WHERE r.portfolio_id = $1 AND r.calculation_date = (SELECT max(calculation_date) FROM stress_test_results WHERE portfolio_id = $1)
                 ORDER BY s.owner_user_id NULLS FIRST, s.display_order, s.created_at`, [portfolioId]),
  ]);
  const symbols = [...new Set(positions.rows.map((row) => row.symbol as string))];
  const asOf = calcDate ?? portfolio.current_equity_date ?? portfolio.inception_date;
  const [factorRows, jobs, unpriced] = await Promise.all([
    pool.query(`SELECT DISTINCT ON (x.symbol, x.factor_id) x.symbol, d.name, x.beta_value, x.r_squared, x.observations, x.standard_error,
                       x.t_stat, x.p_value, x.window_start, x.window_end, x.is_capped, x.calculation_date
                  FROM symbol_factor_exposures x JOIN factor_definitions d ON d.id = x.factor_id
                 WHERE x.symbol = ANY($1::text[]) AND x.calculation_date <= $2
                 ORDER BY x.symbol, x.factor_id, x.calculation_date DESC`, [symbols, asOf]),
    pool.query<JobRow & { mine: boolean }>(
      `SELECT DISTINCT ON (symbol) symbol, status, attempts, error, portfolio_id, created_at, completed_at,
              coalesce(completed_at > now() - interval '60 seconds', false) AS recent,
              (user_id IS NOT DISTINCT FROM $2 OR EXISTS (
                 SELECT 1 FROM onboarding_job_portfolios l JOIN portfolios p ON p.id = l.portfolio_id
                  WHERE l.job_id = symbol_onboarding_jobs.id AND p.user_id = $2)) AS mine
         FROM symbol_onboarding_jobs WHERE symbol = ANY($1::text[]) ORDER BY symbol, created_at DESC`, [symbols, viewer.userId]),
    listUnpricedAmong(symbols),
  ]);
  const factorsBySymbol = new Map<string, Record<string, FactorStatDto>>();
  for (const row of factorRows.rows) {
    const entry = factorsBySymbol.get(row.symbol) ?? {};
    entry[row.name] = {
      beta: row.beta_value, rSquared: row.r_squared, n: row.observations, standardError: row.standard_error, tStat: row.t_stat,
      pValue: row.p_value, windowStart: row.window_start, windowEnd: row.window_end, isCapped: row.is_capped, calculationDate: row.calculation_date,
    };
    factorsBySymbol.set(row.symbol, entry);
  }
  const jobStatus = new Map(jobs.rows.map((row) => [row.symbol, row.status]));
  const isPublicEquity = createPublicEquityPredicate(asOf);
  const holdings = positions.rows.map((row): HoldingDto => {
    const kind = classifySymbol(row.symbol, asOf).kind;
    const factors = factorsBySymbol.get(row.symbol) ?? {};
    const job = jobStatus.get(row.symbol);
    // R16's predicate, as the exposures use it: an option-typed or exited holding of a listed symbol is excluded too.
    const publicEquity = isPublicEquity({ symbol: row.symbol, investmentClass: row.investment_class, positionType: row.position_type, exitDate: row.exit_date });
    const factorStatus: HoldingDto["factorStatus"] = publicEquity && unpriced.has(row.symbol) ? "no data"
      : Object.keys(factors).length > 0 ? "ready" : !publicEquity ? "excluded"
      : job === "pending" || job === "processing" ? "queued" : job === "failed" ? "failed" : "missing";
    return {
      positionId: row.id, symbol: row.symbol, name: row.display_name ?? null, positionType: row.position_type, quantity: row.quantity, marketValue: row.market_value,
      investmentClass: row.investment_class, kind, factorStatus, factors,
    };
  });
  // Job details (attempts, errors, times) only of the viewer's own jobs; another user's job for the same symbol
  // shows only as the holding's "queued" status.
  const onboarding = jobs.rows
    .filter((row) => row.mine && (row.status !== "completed" || row.portfolio_id === portfolioId))
    .map((row): OnboardingSymbolDto => ({
      symbol: row.symbol, status: toOnboardingStatus(row.status), attempts: row.attempts, error: row.error,
      createdAt: row.created_at.toISOString(), completedAt: row.completed_at?.toISOString() ?? null,
    }));
  const onboardingActive = jobs.rows.some((row) => row.status === "pending" || row.status === "processing" || (row.portfolio_id === portfolioId && row.recent));
  const exposureByName = new Map(exposures.rows.map((row) => [row.name as string, row]));
  const cov = coverage.rows[0];
  return {
    id: portfolio.id, name: portfolio.name, startingEquity: portfolio.starting_equity, currentEquity: portfolio.current_equity,
    currentEquityDate: portfolio.current_equity_date, inceptionDate: portfolio.inception_date, calcDate,
    factorNames: FACTOR_DEFINITIONS.map((factor) => factor.name),
    exposures: FACTOR_DEFINITIONS.map((factor) => {
      const row = exposureByName.get(factor.name);
      return { factor: factor.name, beta: row?.exposure_value ?? null, dollar: row?.exposure_dollar ?? null };
    }),
    coverage: cov ? { coverage: cov.coverage, privateAllocation: cov.private_allocation, publicPositions: cov.public_positions, coveredPositions: cov.covered_positions } : null,
    holdings,
    queuedSymbols: holdings.filter((holding) => holding.factorStatus === "queued").map((holding) => holding.symbol),
    onboarding,
    onboardingActive,
    snapshots: snapshots.rows.map((row) => ({ date: row.snapshot_date, equity: row.equity_balance, dailyPnl: row.daily_pnl, cumulativePnl: row.cumulative_pnl, dailyReturn: row.daily_return })),
    stressDate: stress.rows[0]?.calculation_date ?? null,
    stress: stress.rows.map((row) => ({
      scenarioId: row.scenario_id, name: row.name, category: row.category, severity: row.severity, correlatedPnl: row.correlated_pnl,
      directPnl: row.direct_pnl, pctOfEquity: row.equity ? row.correlated_pnl / row.equity : null, personal: row.personal,
      decomposition: toStressDecomposition(readStoredStressResult(row, { scenarioId: row.scenario_id, name: row.name })),
    })),
  };
}
