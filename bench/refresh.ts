/**
 * Phases 4–6 (the portfolio refresh) for one date, and their floor. Both start from copies of one database holding
 * `portfolios` synthetic portfolios × 25 positions over synthetic symbols (prices on two dates, 13 betas and a
 * provider beta each, 260 days of ETF history for the stress covariance) with the previous date already refreshed,
 * so the timed date is an ordinary day-two roll-forward. The floor reads the same positions and COPYs the rows the
 * phases wrote for the date (snapshots, exposures and coverage, stress results and summaries).
 */
import path from "node:path";
import { getSymbolCache } from "../lib/cache/symbol-cache";
import { getPool } from "../lib/db/client";
import { clearSharedSymbolInputs } from "../lib/batch/shared-symbol-inputs";
import { chunkItems } from "../lib/batch/run-work";
import { previousTradingDay, tradingDaysBack } from "../lib/base/calendar";
import { FACTOR_NAMES } from "../lib/risk/factor-definitions";
import { STRESS_FACTOR_ETFS } from "../lib/risk/stress-factors";
import { createPhaseContext, type PhaseSummary } from "../lib/batch/phase-types";
import { runPnlPhase } from "../lib/batch/phases/04-pnl";
import { runFactorAggregationPhase } from "../lib/batch/phases/05-factor-aggregation";
import { runStressPhase } from "../lib/batch/phases/06-stress";
import type { BenchContext } from "./bench-context";
import { dropDatabase, useDatabaseCopy } from "./bench-database";
import { copyRowsBack, dumpRows, readRows, timeSeconds, type DumpedRows } from "./copy-floor";

export const BENCHMARK_CALC_DATE = "2025-06-13";
const ETF_HISTORY_DAYS = 260;
const POSITIONS_PER_PORTFOLIO = 25;

/** The tables phases 4–6 write rows of the date into, with their date column. */
const RESULT_TABLES = [
  ["portfolio_snapshots", "snapshot_date"],
  ["factor_exposures", "calculation_date"],
  ["portfolio_factor_coverage", "calculation_date"],
  ["stress_test_results", "calculation_date"],
  ["stress_test_summaries", "calculation_date"],
] as const;

export interface RefreshBenchmark {
  /** The better of the two timed rounds. */
  seconds: number;
  /** Both timed rounds, in order (the first profiled under --profile). */
  roundSeconds: number[];
  /** Seconds per phase of the timed date (of the kept round, as are the CPU seconds and statuses). */
  phaseSeconds: Record<string, number>;
  /**
   * CPU seconds of this process (all its threads) per phase: the part of a phase that is Node's own work, steadier
   * than wall seconds on a shared machine, for comparing two versions of the phases' JavaScript.
   */
  phaseCpuSeconds: Record<string, number>;
  statuses: Record<string, PhaseSummary["status"]>;
  floorSeconds: number;
  ratioToFloor: number;
  /** Rows per table the phases wrote for the date (and the floor COPYs). */
  rowsWritten: Record<string, number>;
  /** Peak RSS of the process (MB) after seeding, after the untimed previous day, and after each timed phase. */
  peakRssMb: Record<string, number>;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const PHASES = [["phase4", runPnlPhase], ["phase5", runFactorAggregationPhase], ["phase6", runStressPhase]] as const;

export async function benchmarkPortfolioRefresh(context: BenchContext): Promise<RefreshBenchmark> {
  const calcDate = BENCHMARK_CALC_DATE;
  const previousDate = previousTradingDay(calcDate);
  const symbols = Array.from({ length: Math.max(context.symbols, POSITIONS_PER_PORTFOLIO) }, (_, i) => `BMK${String(i).padStart(5, "0")}`);
  await useDatabaseCopy(context.cluster, context.template, "bench_refresh_seed");
  await seedMarket(symbols, previousDate, calcDate);
  const portfolioIds = await seedPortfolios(context.portfolios, POSITIONS_PER_PORTFOLIO, symbols, previousDate);
  const peaks: Record<string, number> = { seeded: peakRssMb() };
  // The previous day is complete (snapshots, exposures and stress), as after a nightly: the timed day is an ordinary one.
  for (const [, run] of PHASES) {
    for (const chunk of chunkItems(portfolioIds, 1000)) {
      const previous = await run(createPhaseContext(previousDate, { portfolioIds: chunk }));
      if (previous.status !== "completed") throw new Error(`the untimed previous day did not complete: ${previous.status} ${JSON.stringify(previous.errors.slice(0, 3))}`);
    }
  }
  await getPool().query("ANALYZE");
  peaks.previousDay = peakRssMb();

  // The timed refresh twice on fresh copies, the better kept, as its floor below is (the machine is shared, and a
  // neighbour only ever slows a run down); both rounds are reported. Only the first is profiled.
  const rounds: TimedRefresh[] = [];
  for (let round = 0; round < 2; round++) {
    rounds.push(await timeRefresh(context, calcDate, portfolioIds, round === 0, peaks));
  }
  const { seconds, phaseSeconds, phaseCpuSeconds, statuses } = rounds.reduce((best, round) => (round.seconds < best.seconds ? round : best));
  const dumps: DumpedRows[] = [];
  for (const [table, column] of RESULT_TABLES) {
    dumps.push(await dumpRows(table, `${column} = '${calcDate}'`, path.join(context.workDir, `${table}.copy`)));
  }

  // The floor twice on fresh copies, the better kept (the machine is shared).
  let floorSeconds = Infinity;
  for (let round = 0; round < 2; round++) {
    await useDatabaseCopy(context.cluster, "bench_refresh_seed", "bench_refresh_floor");
    floorSeconds = Math.min(floorSeconds, await timeSeconds(async () => {
      await readRows("SELECT * FROM positions");
      for (const dump of dumps) await copyRowsBack(dump);
    }));
  }
  for (const name of ["bench_refresh_floor", "bench_refresh", "bench_refresh_seed"]) await dropDatabase(context.cluster, name);
  return {
    seconds, roundSeconds: rounds.map((round) => round.seconds), phaseSeconds, phaseCpuSeconds, statuses, floorSeconds, ratioToFloor: seconds / floorSeconds,
    rowsWritten: Object.fromEntries(dumps.map((dump) => [dump.table, dump.rows])), peakRssMb: peaks,
  };
}

interface TimedRefresh {
  seconds: number;
  phaseSeconds: Record<string, number>;
  phaseCpuSeconds: Record<string, number>;
  statuses: Record<string, PhaseSummary["status"]>;
}

/** Phases 4–6 for `calcDate` on a fresh copy of the seeded database (left as bench_refresh for the row dumps). */
async function timeRefresh(context: BenchContext, calcDate: string, portfolioIds: string[], profiled: boolean, peaks: Record<string, number>): Promise<TimedRefresh> {
  await useDatabaseCopy(context.cluster, "bench_refresh_seed", "bench_refresh");
  // Cold, as a night's first run of the date is: nothing the previous round read is remembered.
  getSymbolCache().clear();
  clearSharedSymbolInputs();
  const phaseSeconds: Record<string, number> = {};
  const phaseCpuSeconds: Record<string, number> = {};
  const statuses: Record<string, PhaseSummary["status"]> = {};
  const started = performance.now();
  for (const [name, run] of PHASES) {
    const phaseStart = performance.now();
    const cpuStart = process.cpuUsage();
    const work = () => run(createPhaseContext(calcDate, { portfolioIds }));
    const summary = await (profiled ? context.profiler.profile(name, work) : work());
    phaseSeconds[name] = (performance.now() - phaseStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    phaseCpuSeconds[name] = (cpu.user + cpu.system) / 1e6;
    statuses[name] = summary.status;
    peaks[name] = peakRssMb(); // the process's peak so far: the later round's is never lower
  }
  const seconds = (performance.now() - started) / 1000;
  if (Object.values(statuses).some((status) => status !== "completed")) throw new Error(`the timed refresh did not complete: ${JSON.stringify(statuses)}`);
  return { seconds, phaseSeconds, phaseCpuSeconds, statuses };
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
