/**
 * Test-only helpers for the batch proof tests (kill/resume, concurrency, backfill, faults, demo): spawning the real
 * CLI against a test database, bulk seeding with generate_series, and the row checks every proof shares — a
 * fingerprint of the stored results (counts + checksums per date) and "no bad number, no duplicate" assertions.
 */
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { expect } from "vitest";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** Signals the whole process group: tsx's cli.mjs runs the script in a child node process of its own. */
  kill: (signal: NodeJS.Signals) => void;
}

/** `factorwatch <args>` in a child process (the real CLI through tsx), on the given database. */
export function spawnCli(args: string[], databaseUrl: string, extraEnv: Record<string, string> = {}): CliProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, MARKET_DATA_PROVIDER: "simulated", ...extraEnv };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr!.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return { child, done, kill };
}

export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on("error", () => undefined);
  return pool;
}

/** Polls until `probe` returns a truthy value (or fails after `timeoutMs` with `what`). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Active synthetic symbols S0001…S<count> (the simulated provider serves them), in one statement. */
export async function seedSyntheticUniverse(pool: pg.Pool, count: number): Promise<void> {
  const width = Math.max(4, String(count).length);
  await pool.query(
    `INSERT INTO symbol_universe (symbol, asset_type, sector, is_active)
     SELECT 'S' || lpad(n::text, $2, '0'), 'equity', 'Technology', true FROM generate_series(1, $1) AS n
     ON CONFLICT (symbol) DO NOTHING`,
    [count, width],
  );
}

export const PROOF_USER_ID = "00000000-0000-4000-8000-0000000000aa";
const POSITION_SYMBOLS = ["AAPL", "MSFT", "NVDA", "JPM", "XOM", "KO", "SPY", "QQQ", "TLT", "JNJ"];

/**
 * `count` portfolios (deterministic ids, so two databases seeded alike hold the same rows) with `positionsEach`
 * public positions over simulated equities and ETFs, every fourth one short; inception on `inceptionDate`.
 */
export async function seedPortfolios(pool: pg.Pool, count: number, inceptionDate: string, positionsEach = 3): Promise<void> {
  await pool.query(
    `INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'proof@test.local', 'Proof', 'x') ON CONFLICT DO NOTHING`,
    [PROOF_USER_ID],
  );
  await pool.query(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
     SELECT md5('portfolio-' || n)::uuid, $1, 'Proof ' || n, 100000 + (n % 7) * 10000, 100000 + (n % 7) * 10000, $2
       FROM generate_series(1, $3) AS n`,
    [PROOF_USER_ID, inceptionDate, count],
  );
  await pool.query(
    `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class)
     SELECT md5('position-' || n || '-' || k)::uuid, md5('portfolio-' || n)::uuid,
            ($1::text[])[1 + (n * 7 + k * 3) % array_length($1::text[], 1)],
            CASE WHEN k % 4 = 3 THEN 'SHORT' ELSE 'LONG' END,
            CASE WHEN k % 4 = 3 THEN -1 ELSE 1 END * (5 + (n + k) % 40), 100, $2, 'PUBLIC'
       FROM generate_series(1, $3) AS n, generate_series(0, $4 - 1) AS k`,
    [POSITION_SYMBOLS, inceptionDate, count, positionsEach],
  );
}

/** Counts and checksums of every result table, per date (numeric sums as exact text). */
export async function fingerprint(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const query = async (sql: string) => (await pool.query(sql)).rows;
  return {
    market_data: await query(`SELECT date::text AS d, count(*)::int AS n, sum(close)::text AS close, sum(adj_close)::text AS adj FROM market_data GROUP BY 1 ORDER BY 1`),
    symbol_universe: await query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE is_active)::int AS active FROM symbol_universe`),
    symbol_factor_exposures: await query(
      `SELECT calculation_date::text AS d, calculation_method AS m, count(*)::int AS n, sum(beta_value)::text AS beta
         FROM symbol_factor_exposures GROUP BY 1, 2 ORDER BY 1, 2`),
    portfolio_snapshots: await query(
      `SELECT snapshot_date::text AS d, count(*)::int AS n, count(*) FILTER (WHERE is_complete)::int AS complete,
              sum(equity_balance)::text AS equity, sum(total_value)::text AS total, sum(daily_pnl)::text AS pnl
         FROM portfolio_snapshots GROUP BY 1 ORDER BY 1`),
    factor_exposures: await query(
      `SELECT calculation_date::text AS d, count(*)::int AS n, sum(exposure_value)::text AS value, sum(exposure_dollar)::text AS dollar
         FROM factor_exposures GROUP BY 1 ORDER BY 1`),
    stress_test_results: await query(
      `SELECT calculation_date::text AS d, count(*)::int AS n, sum(direct_pnl)::text AS direct, sum(correlated_pnl)::text AS correlated
         FROM stress_test_results GROUP BY 1 ORDER BY 1`),
    stress_test_summaries: await query(`SELECT calculation_date::text AS d, count(*)::int AS n, sum(worst_pnl)::text AS worst FROM stress_test_summaries GROUP BY 1 ORDER BY 1`),
  };
}

/** No bad number stored (NaN/∞/non-positive prices, high < low, |beta| > 5, NaN money) and no duplicate key. */
export async function expectSaneRows(pool: pg.Pool): Promise<void> {
  const count = async (sql: string) => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS bad`)).rows[0].n;
  const bad = {
    prices: await count(`SELECT 1 FROM market_data WHERE close = 'NaN' OR NOT (close > 0) OR adj_close = 'NaN' OR adj_close <= 0
                           OR open = 'NaN' OR open <= 0 OR high = 'NaN' OR high <= 0 OR low = 'NaN' OR low <= 0 OR high < low OR volume < 0`),
    betas: await count(`SELECT 1 FROM symbol_factor_exposures WHERE beta_value = 'NaN' OR abs(beta_value) > 5`),
    snapshots: await count(`SELECT 1 FROM portfolio_snapshots WHERE equity_balance = 'NaN' OR total_value = 'NaN' OR daily_pnl = 'NaN' OR daily_return = 'NaN'`),
    exposures: await count(`SELECT 1 FROM factor_exposures WHERE exposure_value = 'NaN' OR exposure_dollar = 'NaN'`),
    stress: await count(`SELECT 1 FROM stress_test_results WHERE direct_pnl = 'NaN' OR correlated_pnl = 'NaN'`),
    duplicateSnapshots: await count(`SELECT 1 FROM portfolio_snapshots GROUP BY portfolio_id, snapshot_date HAVING count(*) > 1`),
    duplicatePrices: await count(`SELECT 1 FROM market_data GROUP BY symbol, date HAVING count(*) > 1`),
    duplicateBetas: await count(`SELECT 1 FROM symbol_factor_exposures GROUP BY symbol, factor_id, calculation_date HAVING count(*) > 1`),
  };
  expect(bad).toEqual({ prices: 0, betas: 0, snapshots: 0, exposures: 0, stress: 0, duplicateSnapshots: 0, duplicatePrices: 0, duplicateBetas: 0 });
}

export interface StepState {
  key: string;
  status: string;
  attempt: number;
}

export async function listRunSteps(pool: pg.Pool, runId: string): Promise<StepState[]> {
  const { rows } = await pool.query<StepState>(`SELECT step_key AS key, status, attempt FROM batch_steps WHERE run_id = $1 ORDER BY step_key`, [runId]);
  return rows;
}
