/**
 * Portfolio-refresh benchmark: builds synthetic portfolios and positions in the CURRENT DATABASE_URL (bulk inserts;
 * its own synthetic symbols BMK0000… with prices on two dates, 13 betas and provider betas, plus 8-ETF history for
 * the stress covariance, all inserted with ON CONFLICT DO NOTHING) and times phases 4–6 for one date end to end.
 * The previous date is built first (untimed, phases 4–6), so the timed date is an ordinary day-2 roll-forward.
 * Run it against a scratch database: it adds rows and leaves them there.
 */
import { getSymbolCache } from "../cache/symbol-cache";
import { getPool } from "../db/client";
import { chunkItems } from "./run-work";
import { previousTradingDay, tradingDaysBack } from "../risk/calendar";
import { FACTOR_NAMES } from "../risk/factor-definitions";
import { STRESS_FACTOR_ETFS } from "../risk/stress-factors";
import { createPhaseContext, type PhaseSummary } from "./phase-types";
import { runPnlPhase } from "./phases/04-pnl";
import { runFactorAggregationPhase } from "./phases/05-factor-aggregation";
import { runStressPhase } from "./phases/06-stress";

export const BENCHMARK_CALC_DATE = "2025-06-13";
const SYMBOL_COUNT = 500;
const ETF_HISTORY_DAYS = 260;

export interface BenchmarkRefreshResult {
  seconds: number;
  portfolios: number;
  /** Seconds per phase of the timed date. */
  phaseSeconds: Record<string, number>;
  statuses: Record<string, PhaseSummary["status"]>;
}

export async function benchmarkPortfolioRefresh(portfolioCount: number, positionsPerPortfolio = 25): Promise<BenchmarkRefreshResult> {
  if (!(Number.isInteger(portfolioCount) && portfolioCount > 0)) throw new Error(`portfolioCount must be a positive integer, got ${portfolioCount}`);
  const calcDate = BENCHMARK_CALC_DATE;
  const previousDate = previousTradingDay(calcDate);
  const symbols = Array.from({ length: SYMBOL_COUNT }, (_, i) => `BMK${String(i).padStart(4, "0")}`);
  await seedMarket(symbols, previousDate, calcDate);
  const portfolioIds = await seedPortfolios(portfolioCount, positionsPerPortfolio, symbols, previousDate);
  // The previous day is complete (snapshots, exposures and stress), as after a nightly: the timed day is an ordinary one.
  for (const run of [runPnlPhase, runFactorAggregationPhase, runStressPhase]) {
    const previous = await run(createPhaseContext(previousDate, { portfolioIds }));
    if (previous.status !== "completed") throw new Error(`the untimed previous day did not complete: ${previous.status} ${JSON.stringify(previous.errors.slice(0, 3))}`);
  }
  getSymbolCache().clear();
  const phaseSeconds: Record<string, number> = {};
  const statuses: Record<string, PhaseSummary["status"]> = {};
  const started = performance.now();
  for (const [key, run] of [["phase_4_pnl", runPnlPhase], ["phase_5_factor_aggregation", runFactorAggregationPhase], ["phase_6_stress", runStressPhase]] as const) {
    const phaseStart = performance.now();
    const summary = await run(createPhaseContext(calcDate, { portfolioIds }));
    phaseSeconds[key] = (performance.now() - phaseStart) / 1000;
    statuses[key] = summary.status;
  }
  const seconds = (performance.now() - started) / 1000;
  if (Object.values(statuses).some((status) => status !== "completed")) throw new Error(`the timed refresh did not complete: ${JSON.stringify(statuses)}`);
  return { seconds, portfolios: portfolioIds.length, phaseSeconds, statuses };
}

async function seedMarket(symbols: string[], previousDate: string, calcDate: string): Promise<void> {
  const pool = getPool();
  await pool.query(`INSERT INTO symbol_universe (symbol) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [symbols]);
  const previous = symbols.map((_, i) => 20 + (i % 180));
  const current = previous.map((price, i) => Math.round(price * (1 + (((i * 37) % 41) - 20) / 1_000) * 100) / 100);
  await pool.query(
    `INSERT INTO market_data (symbol, date, close, adj_close, data_source)
     SELECT s, d, c, c, 'benchmark' FROM unnest($1::text[], $2::date[], $3::numeric[]) AS t(s, d, c)
     ON CONFLICT (symbol, date) DO NOTHING`,
    [[...symbols, ...symbols], [...symbols.map(() => previousDate), ...symbols.map(() => calcDate)], [...previous, ...current]],
  );
  const betaSymbols: string[] = [];
  const betaNames: string[] = [];
  const betaValues: number[] = [];
  symbols.forEach((symbol, i) => {
    FACTOR_NAMES.forEach((name, f) => {
      betaSymbols.push(symbol);
      betaNames.push(name);
      betaValues.push(Math.round((((i * 13 + f * 7) % 29) / 14 - 0.5) * 1e6) / 1e6);
    });
  });
  await pool.query(
    `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
     SELECT t.s, f.id, $1, t.b, 90, 'benchmark' FROM unnest($2::text[], $3::text[], $4::numeric[]) AS t(s, n, b)
       JOIN factor_definitions f ON f.name = t.n
     ON CONFLICT DO NOTHING`,
    [calcDate, betaSymbols, betaNames, betaValues],
  );
  await pool.query(
    `INSERT INTO company_profiles (symbol, beta, last_updated)
     SELECT s, 0.5 + (row_number() OVER ()) % 10 / 10.0, now() FROM unnest($1::text[]) AS s ON CONFLICT DO NOTHING`,
    [symbols],
  );
  await seedEtfHistory(calcDate);
  // The symbol batch ran on both dates (the market ETF's factor rows mark it): the chain may be computed on them.
  await pool.query(`INSERT INTO symbol_universe (symbol) VALUES ('SPY') ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
     SELECT 'SPY', f.id, d, 1, 90, 'benchmark' FROM factor_definitions f, unnest($1::date[]) AS d
      WHERE f.name = 'Market Beta (90D)' ON CONFLICT DO NOTHING`,
    [[previousDate, calcDate]],
  );
}

async function seedEtfHistory(calcDate: string): Promise<void> {
  const dates = tradingDaysBack(calcDate, ETF_HISTORY_DAYS);
  const rows = { symbols: [] as string[], dates: [] as string[], closes: [] as number[] };
  STRESS_FACTOR_ETFS.forEach((etf, k) => {
    let level = 100;
    dates.forEach((date, t) => {
      const market = Math.sin(t * 0.7) * 0.01 + Math.cos(t * 1.3) * 0.004;
      level *= 1 + (etf === "TLT" ? -0.3 : 0.8 + k * 0.05) * market + Math.sin(t * (k + 2)) * 0.003;
      rows.symbols.push(etf);
      rows.dates.push(date);
      rows.closes.push(Math.round(level * 10_000) / 10_000);
    });
  });
  await getPool().query(
    `INSERT INTO market_data (symbol, date, close, adj_close, data_source)
     SELECT s, d, c, c, 'benchmark' FROM unnest($1::text[], $2::date[], $3::numeric[]) AS t(s, d, c)
     ON CONFLICT (symbol, date) DO NOTHING`,
    [rows.symbols, rows.dates, rows.closes],
  );
}

async function seedPortfolios(count: number, perPortfolio: number, symbols: string[], inceptionDate: string): Promise<string[]> {
  const pool = getPool();
  const user = await pool.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'benchmark-' || gen_random_uuid() || '@example.test', 'Benchmark', 'x')
     RETURNING id`,
  );
  const userId = user.rows[0].id;
  const ids: string[] = [];
  for (const chunk of chunkItems(Array.from({ length: count }, (_, i) => i), 2_000)) {
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       SELECT gen_random_uuid(), $1, 'Benchmark ' || n, 1000000, 1000000, $2 FROM unnest($3::int[]) AS n
       RETURNING id`,
      [userId, inceptionDate, chunk],
    );
    const portfolioIds = inserted.rows.map((row) => row.id);
    ids.push(...portfolioIds);
    // Position k of portfolio p: symbol (p·7 + k·13) mod N, every fifth one short.
    await pool.query(
      `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class)
       SELECT gen_random_uuid(), p.id, ($3::text[])[((p.ord * 7 + k * 13) % $4) + 1],
              CASE WHEN k % 5 = 4 THEN 'SHORT' ELSE 'LONG' END,
              CASE WHEN k % 5 = 4 THEN -1 ELSE 1 END * (50 + (p.ord + k) % 200),
              20 + ((p.ord * 7 + k * 13) % $4) % 180, $2, 'PUBLIC'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, ord), generate_series(0, $5 - 1) AS k`,
      [portfolioIds, inceptionDate, symbols, symbols.length, perPortfolio],
    );
  }
  return ids;
}
