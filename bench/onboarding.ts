import { getPool } from "../lib/db/client";

/**
 * Request → exposures visible for a 25-position portfolio whose symbols all have factors (the phase-3 bench database):
 * creates the portfolio, runs phases 4–6 for it, then reads its factor exposures back. Median of 5 onboardings, in ms.
 */
export async function benchmarkOnboarding(): Promise<number> {
  const { onboardPortfolio } = await import("../lib/batch/onboarding");
  const pool = getPool();
  const user = await pool.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, role) VALUES (gen_random_uuid(), 'bench@factorwatch.local', 'Bench', 'x', 'user') RETURNING id`);
  const dated = await pool.query<{ date: string }>(`SELECT max(calculation_date) AS date FROM symbol_factor_exposures`);
  const calcDate = dated.rows[0].date;
  const symbols = await pool.query<{ symbol: string; close: number }>(
    `SELECT e.symbol, m.close FROM (SELECT DISTINCT symbol FROM symbol_factor_exposures WHERE calculation_date = $1) e
       JOIN market_data m ON m.symbol = e.symbol AND m.date = $1 ORDER BY e.symbol LIMIT 25`, [calcDate]);
  const timings: number[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = performance.now();
    const { portfolioId } = await onboardPortfolio({
      userId: user.rows[0].id, name: `Bench ${attempt}`, startingEquity: 1_000_000,
      positions: symbols.rows.map((row, index) => ({ symbol: row.symbol, quantity: 100 + index, entryPrice: row.close, entryDate: calcDate })),
    });
    const exposures = await pool.query(`SELECT count(*)::int AS n FROM factor_exposures WHERE portfolio_id = $1`, [portfolioId]);
    timings.push(performance.now() - started);
    if (exposures.rows[0].n === 0) throw new Error("onboarding produced no factor exposures");
  }
  timings.sort((a, b) => a - b);
  return timings[2];
}
