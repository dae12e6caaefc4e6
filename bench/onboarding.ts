import { getPool } from "../lib/db/client";
import { REQUIRED_ETFS } from "../lib/market-data/etfs";
import { SIMULATED_EQUITIES } from "../lib/market-data/simulated-market";
import { latestCompletedTradingDay } from "../lib/base/calendar";

/**
 * Request → exposures visible for a 25-position portfolio whose symbols all have factors for the latest date: the
 * nightly state is built first (phases 0, 1, 3 for the ETFs and 25 simulated stocks), then each onboarding creates
 * the portfolio, runs phases 4–6 for it and reads its factor exposures back. Median of 7, in ms.
 */
export async function benchmarkOnboarding(): Promise<number> {
  const { createRun } = await import("../lib/batch/run-lifecycle");
  const { executeRun } = await import("../lib/batch/run-in-process");
  const { onboardPortfolio } = await import("../lib/batch/onboarding");
  const calcDate = latestCompletedTradingDay(new Date());
  const stocks = SIMULATED_EQUITIES.slice(0, 25).map((equity) => equity.ticker);
  const lease = await createRun({
    jobType: "rerun", triggeredBy: "cli",
    params: { work: [{ date: calcDate, phases: ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"], symbols: [...REQUIRED_ETFS, ...stocks] }] },
  });
  const outcome = await executeRun(lease);
  if (outcome.status !== "completed") throw new Error(`building the nightly state failed: ${outcome.status}`);
  const pool = getPool();
  const user = await pool.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, role) VALUES (gen_random_uuid(), 'bench@factorwatch.local', 'Bench', 'x', 'user') RETURNING id`);
  const closes = await pool.query<{ symbol: string; close: number }>(
    `SELECT symbol, close FROM market_data WHERE date = $1 AND symbol = ANY($2::text[]) ORDER BY symbol`, [calcDate, stocks]);
  const timings: number[] = [];
  for (let attempt = 0; attempt < 7; attempt += 1) {
    const started = performance.now();
    const result = await onboardPortfolio({
      userId: user.rows[0].id, name: `Bench ${attempt}`, startingEquity: 1_000_000,
      positions: closes.rows.map((row, index) => ({ symbol: row.symbol, quantity: 10 + index, entryPrice: row.close, entryDate: calcDate })),
    });
    const exposures = await pool.query(`SELECT count(*)::int AS n FROM factor_exposures WHERE portfolio_id = $1`, [result.portfolioId]);
    timings.push(performance.now() - started);
    if (result.queuedSymbols.length > 0 || exposures.rows[0].n === 0) throw new Error("onboarding did not find every symbol known");
  }
  timings.sort((a, b) => a - b);
  return timings[3];
}
