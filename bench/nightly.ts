import { getPool } from "../lib/db/client";
import { PIPELINE } from "../lib/batch/pipeline";
import { createSyntheticUniverse } from "../lib/market-data/simulated-market";
import { latestCompletedTradingDay } from "../lib/base/calendar";

export interface NightlyBenchmark {
  seconds: number;
  status: string;
  phaseSeconds: Record<string, number>;
  /** Where Phase 3's chunks spent their time. */
  phase3Steps: string;
  /** Violations `audit` finds after the nightly (0: the ledger holds). */
  auditViolations: number;
  /** A second nightly right after, with nothing new to do (it plans 0 dates). */
  noChangeMs: number;
  noChangeDates: number;
  /** Phases 0–3 per symbol and phases 4–6 per portfolio, in ms: what must stay flat as the book grows. */
  symbolBatchMsPerSymbol: number;
  refreshMsPerPortfolio: number;
}

/**
 * The book of a nightly on the current (empty) database: `symbolCount` simulated symbols in the universe and
 * `portfolioCount` portfolios × 25 positions over them, one in five short. Returns the date to run.
 */
export async function seedNightlyBook(symbolCount: number, portfolioCount: number): Promise<string> {
  const pool = getPool();
  const calcDate = latestCompletedTradingDay(new Date());
  const symbols = createSyntheticUniverse(symbolCount).map((equity) => equity.ticker);
  await pool.query(
    `INSERT INTO symbol_universe (symbol, asset_type, first_seen_date, last_seen_date) SELECT s, 'equity', $2, $2 FROM unnest($1::text[]) AS s`,
    [symbols, calcDate]);
  const user = await pool.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'nightly-bench@factorwatch.local', 'Bench', 'x') RETURNING id`);
  await pool.query(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
     SELECT gen_random_uuid(), $1, 'Bench ' || i, 1000000, 1000000, $2 FROM generate_series(1, $3) AS i`,
    [user.rows[0].id, calcDate, portfolioCount]);
  // 25 distinct symbols per portfolio, spread over the universe; one in five positions is short.
  await pool.query(
    `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class)
     SELECT gen_random_uuid(), p.id, ($1::text[])[1 + ((p.n * 37 + k * 101) % $2)],
            CASE WHEN k % 5 = 0 THEN 'SHORT' ELSE 'LONG' END, CASE WHEN k % 5 = 0 THEN -200 ELSE 400 END, 50, $3, 'PUBLIC'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM portfolios) p CROSS JOIN generate_series(0, 24) AS k`,
    [symbols, symbols.length, calcDate]);
  await pool.query("ANALYZE");
  return calcDate;
}

/** Seconds per phase (of the run's phase rows), and the per-item figures. */
export async function readNightlyPhases(runId: string, symbolCount: number, portfolioCount: number) {
  const rows = await getPool().query<{ phase_key: string; duration_ms: number; status: string; items_done: number }>(
    `SELECT phase_key, duration_ms, status, items_done FROM batch_phase_runs WHERE run_id = $1 ORDER BY phase_key`, [runId]);
  const seconds = (keys: string[]) => rows.rows.filter((row) => keys.includes(row.phase_key)).reduce((sum, row) => sum + row.duration_ms / 1000, 0);
  // Phase 3 reports where each chunk spent its time: read, math, write (ms, summed over the chunks).
  const factorSteps = await getPool().query<{ read_ms: number; math_ms: number; write_ms: number; steps: number }>(
    `SELECT sum((output->'summary'->'result'->'timings'->>'readMs')::float8) AS read_ms,
            sum((output->'summary'->'result'->'timings'->>'mathMs')::float8) AS math_ms,
            sum((output->'summary'->'result'->'timings'->>'writeMs')::float8) AS write_ms, count(*)::int AS steps
       FROM batch_steps WHERE run_id = $1 AND step_key LIKE '%/phase_3_factors/%'`, [runId]);
  const timings = factorSteps.rows[0];
  return {
    phase3Steps: `${timings.steps} steps: read ${(timings.read_ms / 1000).toFixed(2)} s, math ${(timings.math_ms / 1000).toFixed(2)} s, write ${(timings.write_ms / 1000).toFixed(2)} s`,
    phaseSeconds: Object.fromEntries(rows.rows.map((row) => [`${row.phase_key} (${row.status}, ${row.items_done} done)`, row.duration_ms / 1000])),
    symbolBatchMsPerSymbol: (seconds(["phase_0_valuations", "phase_1_market_data", "phase_2_fundamentals", "phase_3_factors"]) * 1000) / symbolCount,
    refreshMsPerPortfolio: (seconds(["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"]) * 1000) / portfolioCount,
  };
}

/** The full nightly for one date through the in-process runner, on the current database (see seedNightlyBook). */
export async function benchmarkNightly(symbolCount: number, portfolioCount: number): Promise<NightlyBenchmark> {
  const { createRun } = await import("../lib/batch/run-lifecycle");
  const { executeRun, startNightlyInProcess } = await import("../lib/batch/run-in-process");
  const calcDate = await seedNightlyBook(symbolCount, portfolioCount);
  const phases = PIPELINE.map((phase) => phase.key);
  const lease = await createRun({ jobType: "nightly", triggeredBy: "cli", params: { work: [{ date: calcDate, phases }] } });
  const started = performance.now();
  let lastPhase = "";
  const outcome = await executeRun(lease, {
    onProgress: (event) => {
      if (event.phase !== lastPhase) process.stderr.write(`  nightly: ${(lastPhase = event.phase)}\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const phaseFigures = await readNightlyPhases(lease.runId, symbolCount, portfolioCount);
  const { auditLedger } = await import("../lib/batch/ledger-audit");
  const audit = await auditLedger();
  const quietStarted = performance.now();
  const quiet = await startNightlyInProcess({ triggeredBy: "cli" });
  const noChangeMs = performance.now() - quietStarted;
  return {
    seconds, status: outcome.status, ...phaseFigures,
    auditViolations: audit.violations.length, noChangeMs, noChangeDates: quiet.dates.length,
  };
}
