import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import type { StressOverview } from "@/lib/schemas/stress-dto";
import { readStoredStressResult, storedModelVersion, toStressCell, toStressDecomposition, type StoredStressRow } from "./to-stress-decomposition";

export type { StressOverview } from "@/lib/schemas/stress-dto";

interface ResultRow extends StoredStressRow {
  portfolio_id: string;
  scenario_id: string;
  portfolio_name: string;
  owner: string;
  equity: number | null;
}

/** The admin stress page: every user's portfolios × the standard scenarios of a date, and one cell laid open. Admins only. */
export async function getStressOverview(viewer: Viewer, input: { date?: string; portfolioId?: string; scenarioId?: string } = {}): Promise<StressOverview> {
  assertAdmin(viewer);
  const pool = getPool();
  const { rows: dateRows } = await pool.query<{ d: string }>(`SELECT DISTINCT calculation_date AS d FROM stress_test_results ORDER BY d DESC LIMIT 60`);
  const availableDates = dateRows.map((row) => row.d);
  const date = input.date && availableDates.includes(input.date) ? input.date : availableDates[0] ?? null;
  const [{ rows: scenarios }, { rows: results }] = await Promise.all([
    pool.query<{ id: string; scenario_id: string; name: string; severity: string }>(
      `SELECT id, scenario_id, name, severity FROM stress_test_scenarios WHERE active AND owner_user_id IS NULL ORDER BY display_order`),
    pool.query<ResultRow>(`SELECT r.portfolio_id, r.scenario_id, r.correlated_pnl, r.direct_pnl, r.direct_cap_applied, r.correlated_cap_applied,
                       r.factor_impacts, r.calculation_metadata, p.name AS portfolio_name, u.email AS owner,
                       (SELECT equity_balance FROM portfolio_snapshots ps WHERE ps.portfolio_id = r.portfolio_id AND ps.snapshot_date <= r.calculation_date
                         ORDER BY ps.snapshot_date DESC LIMIT 1) AS equity
                  FROM stress_test_results r JOIN portfolios p ON p.id = r.portfolio_id JOIN users u ON u.id = p.user_id
                  JOIN stress_test_scenarios s ON s.id = r.scenario_id AND s.owner_user_id IS NULL
                 WHERE r.calculation_date = $1 ORDER BY p.name`, [date]),
  ]);
  const portfolios = new Map<string, StressOverview["portfolios"][number]>();
  for (const row of results) portfolios.set(row.portfolio_id, { id: row.portfolio_id, name: row.portfolio_name, owner: row.owner, equity: row.equity });
  const portfolioList = [...portfolios.values()];
  const byKey = new Map(results.map((row) => [`${row.portfolio_id}|${row.scenario_id}`, row]));
  const read = (row: ResultRow, scenario: (typeof scenarios)[number]) => readStoredStressResult(row, { scenarioId: scenario.scenario_id, name: scenario.name });
  const cells = portfolioList.map((p) => scenarios.map((s) => {
    const row = byKey.get(`${p.id}|${s.id}`);
    return row ? toStressCell(read(row, s), p.equity) : null;
  }));
  const portfolioId = input.portfolioId && portfolios.has(input.portfolioId) ? input.portfolioId : portfolioList[0]?.id;
  const scenario = scenarios.find((s) => s.scenario_id === input.scenarioId) ?? scenarios.find((s) => s.scenario_id === "market_down_10") ?? scenarios[0];
  const chosen = portfolioId && scenario ? byKey.get(`${portfolioId}|${scenario.id}`) : undefined;
  return {
    date, availableDates,
    scenarios: scenarios.map((s) => ({ scenarioId: s.scenario_id, name: s.name, severity: s.severity })),
    portfolios: portfolioList, cells,
    hasFirstModelResults: results.some((row) => storedModelVersion(row) === null),
    selected: chosen ? {
      ...toStressDecomposition(read(chosen, scenario)),
      portfolioId: chosen.portfolio_id, portfolioName: chosen.portfolio_name, equity: chosen.equity,
    } : null,
  };
}
