import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "../db/client";
import { REQUIRED_ETFS } from "../market-data/etfs";
import { latestCompletedTradingDay, previousTradingDay } from "../base/calendar";
import { insertTestUser } from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { onboardPortfolio, OnboardingInputError, OnboardingQueueFullError, ONBOARDING_MAX_PENDING } from "./onboarding";
import { ensureOnboardingWorker } from "./onboarding-worker";
import { sweepAbandonedOnboardingJobs } from "../db/onboarding-jobs";

/** The worker starts when the test says so (to queue several portfolios on one symbol first). */
const worker = vi.hoisted(() => ({ enabled: true }));
vi.mock("./onboarding-worker", async (importOriginal) => {
  const real = await importOriginal<typeof import("./onboarding-worker")>();
  return { ...real, ensureOnboardingWorker: () => (worker.enabled ? real.ensureOnboardingWorker() : Promise.resolve()) };
});
import { executeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";

const calcDate = previousTradingDay(latestCompletedTradingDay(new Date()));

async function exposuresOf(portfolioId: string) {
  const rows = await getPool().query<{ name: string; beta: number; dollars: number }>(
    `SELECT f.name, e.exposure_value AS beta, e.exposure_dollar AS dollars FROM factor_exposures e
       JOIN factor_definitions f ON f.id = e.factor_id WHERE e.portfolio_id = $1 AND e.calculation_date = $2`, [portfolioId, calcDate]);
  const coverage = await getPool().query<{ coverage: number }>(
    `SELECT coverage FROM portfolio_factor_coverage WHERE portfolio_id = $1 AND calculation_date = $2`, [portfolioId, calcDate]);
  return { byName: new Map(rows.rows.map((row) => [row.name, row])), coverage: coverage.rows[0]?.coverage ?? null };
}

describe("onboardPortfolio (R24)", () => {
  let userId: string;

  useTestDatabase();
  beforeAll(async () => {
    // The nightly state the user onboards into: prices and factors for the ETFs and AAPL on calcDate.
    const lease = await createRun({
      jobType: "rerun", triggeredBy: "cli",
      params: { work: [{ date: calcDate, phases: ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"], symbols: [...REQUIRED_ETFS, "AAPL"] }] },
    });
    const outcome = await executeRun(lease);
    expect(outcome.status).toBe("completed");
    userId = await insertTestUser();
  });

  it("shows exposures at once for known symbols and queues unknown ones, then fills them in", async () => {
    const result = await onboardPortfolio({
      userId, name: "Onboarded", startingEquity: 100_000,
      positions: [
        { symbol: "aapl", quantity: 100, entryPrice: 150, entryDate: calcDate },
        { symbol: "NVDA", quantity: 50, entryPrice: 100, entryDate: calcDate },
        { symbol: "HOME_EQUITY", quantity: 1, entryPrice: 20_000, entryDate: calcDate, investmentClass: "PRIVATE" },
      ],
    });
    expect(result).toMatchObject({ calcDate, knownSymbols: ["AAPL"], queuedSymbols: ["NVDA"] });
    const before = await exposuresOf(result.portfolioId);
    expect(before.byName.size).toBe(13);
    expect(before.coverage).toBeGreaterThan(0);
    expect(before.coverage).toBeLessThan(1);
    const jobs = await getPool().query(`SELECT symbol, status FROM symbol_onboarding_jobs WHERE portfolio_id = $1`, [result.portfolioId]);
    expect(jobs.rows).toEqual([{ symbol: "NVDA", status: expect.stringMatching(/pending|processing/) }]);

    await ensureOnboardingWorker();
    const done = await getPool().query(`SELECT status, error FROM symbol_onboarding_jobs WHERE portfolio_id = $1`, [result.portfolioId]);
    expect(done.rows).toEqual([{ status: "completed", error: null }]);
    const nvdaRows = await getPool().query(`SELECT count(*)::int AS n FROM symbol_factor_exposures WHERE symbol = 'NVDA' AND calculation_date = $1`, [calcDate]);
    expect(nvdaRows.rows[0].n).toBeGreaterThanOrEqual(12);
    const after = await exposuresOf(result.portfolioId);
    expect(after.coverage).toBe(1);
    expect(after.byName.get("Market Beta (90D)")!.beta).not.toBe(before.byName.get("Market Beta (90D)")!.beta);
    const privateRows = await getPool().query(`SELECT count(*)::int AS n FROM market_data WHERE symbol = 'HOME_EQUITY'`);
    expect(privateRows.rows[0].n).toBe(0);
  });

  it("answers a full queue with a clear error and creates nothing", async () => {
    await getPool().query(
      `INSERT INTO symbol_onboarding_jobs (id, symbol, status) SELECT gen_random_uuid(), 'Q' || i, 'pending' FROM generate_series(1, $1) AS i`,
      [ONBOARDING_MAX_PENDING],
    );
    const count = async () => (await getPool().query(`SELECT count(*)::int AS n FROM portfolios WHERE name = 'Too late'`)).rows[0].n;
    await expect(onboardPortfolio({
      userId, name: "Too late", startingEquity: 10_000,
      positions: [{ symbol: "MSFT", quantity: 1, entryPrice: 10, entryDate: calcDate }],
    })).rejects.toThrow(OnboardingQueueFullError);
    await expect(onboardPortfolio({
      userId, name: "Too late", startingEquity: 10_000,
      positions: [{ symbol: "MSFT", quantity: 1, entryPrice: 10, entryDate: calcDate }],
    })).rejects.toThrow(`The symbol onboarding queue is full (${ONBOARDING_MAX_PENDING} of ${ONBOARDING_MAX_PENDING} pending); try again in a few minutes.`);
    expect(await count()).toBe(0);
    await getPool().query(`DELETE FROM symbol_onboarding_jobs WHERE symbol LIKE 'Q%'`);
  });

  it("rejects bad positions with a sentence naming the row", async () => {
    await expect(onboardPortfolio({
      userId, name: "Bad", startingEquity: 10_000,
      positions: [{ symbol: "AAPL", quantity: 1, entryPrice: 10, entryDate: calcDate }, { symbol: "MSFT", quantity: 0, entryPrice: 10, entryDate: calcDate }],
    })).rejects.toThrow(new OnboardingInputError("Position 2 (MSFT): quantity must not be 0."));
    await expect(onboardPortfolio({ userId, name: "Bad", startingEquity: -5, positions: [] })).rejects.toThrow("Starting equity must be at least 1. Add at least one position.");
  });

  it("links every portfolio waiting for a queued symbol to its one job and refreshes them all in one onboarding run", async () => {
    worker.enabled = false;
    const positions = (quantity: number) => [
      { symbol: "AAPL", quantity, entryPrice: 150, entryDate: calcDate },
      { symbol: "MSFT", quantity: 30, entryPrice: 300, entryDate: calcDate },
    ];
    const first = await onboardPortfolio({ userId, name: "Waits 1", startingEquity: 100_000, positions: positions(100) });
    const second = await onboardPortfolio({ userId, name: "Waits 2", startingEquity: 60_000, positions: positions(40) });
    expect([first.queuedSymbols, second.queuedSymbols]).toEqual([["MSFT"], ["MSFT"]]);
    const jobs = await getPool().query(
      `SELECT j.id, j.status, array_agg(l.portfolio_id ORDER BY l.portfolio_id) AS waiters FROM symbol_onboarding_jobs j
         JOIN onboarding_job_portfolios l ON l.job_id = j.id WHERE j.symbol = 'MSFT' GROUP BY j.id, j.status`);
    expect(jobs.rows).toEqual([{ id: expect.any(String), status: "pending", waiters: [first.portfolioId, second.portfolioId].sort() }]);
    // Each request's own refresh is an onboarding run in the history, with its phase rows.
    const requestRuns = await getPool().query(
      `SELECT r.job_type, r.status, r.triggered_by, array_agg(p.phase_key ORDER BY p.phase_key) AS phases FROM batch_runs r
         JOIN batch_phase_runs p ON p.run_id = r.id WHERE r.id = ANY($1::uuid[]) GROUP BY r.id`, [[first.runId, second.runId]]);
    expect(requestRuns.rows).toEqual([first, second].map(() => ({
      job_type: "onboarding", status: "completed", triggered_by: "onboarding", phases: ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"],
    })));
    worker.enabled = true;
    await ensureOnboardingWorker();
    for (const id of [first.portfolioId, second.portfolioId]) {
      const after = await exposuresOf(id);
      expect(after.coverage).toBe(1);
    }
    const done = await getPool().query(`SELECT status, run_id FROM symbol_onboarding_jobs WHERE id = $1`, [jobs.rows[0].id]);
    expect(done.rows[0].status).toBe("completed");
    const run = await getPool().query(
      `SELECT r.job_type, r.status, r.params->'work' AS work FROM batch_runs r WHERE r.id = $1`, [done.rows[0].run_id]);
    expect(run.rows[0]).toMatchObject({ job_type: "onboarding", status: "completed" });
    expect(run.rows[0].work[1]).toMatchObject({ phases: ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"], portfolioIds: [first.portfolioId, second.portfolioId].sort() });
  });

  it("records a symbol that cannot be onboarded as a failed job with the reason, in a partial onboarding run", async () => {
    const result = await onboardPortfolio({ userId, name: "Typo", startingEquity: 10_000, positions: [{ symbol: "ZZZZ1", quantity: 5, entryPrice: 10, entryDate: calcDate }] });
    expect(result.queuedSymbols).toEqual(["ZZZZ1"]);
    await ensureOnboardingWorker();
    const job = await getPool().query(`SELECT status, error, run_id FROM symbol_onboarding_jobs WHERE symbol = 'ZZZZ1'`);
    expect(job.rows[0]).toMatchObject({ status: "failed", error: expect.stringContaining("unknown symbol ZZZZ1") });
    const run = await getPool().query(`SELECT job_type, status, error_summary FROM batch_runs WHERE id = $1`, [job.rows[0].run_id]);
    expect(run.rows[0]).toMatchObject({ job_type: "onboarding", status: "partial", error_summary: expect.objectContaining({ types: expect.arrayContaining(["not_found"]) }) });
  });

  it("requeues a job whose worker is gone, and fails it with the reason after 3 attempts", async () => {
    await getPool().query(
      `INSERT INTO symbol_onboarding_jobs (id, symbol, status, attempts, owner, started_at, heartbeat_at) VALUES
         (gen_random_uuid(), 'LOST1', 'processing', 1, 'runner:gone', now() - interval '5 minutes', now() - interval '5 minutes'),
         (gen_random_uuid(), 'LOST3', 'processing', 3, 'runner:gone', now() - interval '5 minutes', now() - interval '5 minutes'),
         (gen_random_uuid(), 'ALIVE', 'processing', 1, 'runner:alive', now(), now())`);
    expect(await sweepAbandonedOnboardingJobs()).toEqual({ requeued: 1, failed: 1 });
    const { rows } = await getPool().query(`SELECT symbol, status, owner, error FROM symbol_onboarding_jobs WHERE symbol IN ('LOST1', 'LOST3', 'ALIVE') ORDER BY symbol`);
    expect(rows).toEqual([
      { symbol: "ALIVE", status: "processing", owner: "runner:alive", error: null },
      { symbol: "LOST1", status: "pending", owner: null, error: null },
      { symbol: "LOST3", status: "failed", owner: null, error: "the worker processing it stopped 3 times; giving up after 3 attempts" },
    ]);
    await getPool().query(`DELETE FROM symbol_onboarding_jobs WHERE symbol IN ('LOST1', 'LOST3', 'ALIVE')`);
  });

  it("refuses more than 50 unknown symbols with a sentence (it could never fit), and a user's 11th waiting symbol", async () => {
    worker.enabled = false;
    try {
      const many = Array.from({ length: ONBOARDING_MAX_PENDING + 1 }, (_, i) => ({ symbol: `S${String(i + 1).padStart(4, "0")}`, quantity: 1, entryPrice: 10, entryDate: calcDate }));
      await expect(onboardPortfolio({ userId, name: "Too many", startingEquity: 10_000, positions: many })).rejects.toThrow(
        new OnboardingInputError("This portfolio holds 51 symbols that are not onboarded yet; at most 50 can wait in the queue, so it could never be queued. Split it into portfolios with at most 50 new symbols each."));
      const other = await insertTestUser();
      await onboardPortfolio({ userId: other, name: "Nine", startingEquity: 10_000, positions: many.slice(0, 9) });
      await expect(onboardPortfolio({ userId: other, name: "Two more", startingEquity: 10_000, positions: many.slice(9, 11) })).rejects.toThrow(
        new OnboardingQueueFullError("You already have 9 symbols waiting to be onboarded and this portfolio adds 2, over the 10 a user may have waiting; try again once they are ready."));
      expect((await onboardPortfolio({ userId: other, name: "One more", startingEquity: 10_000, positions: many.slice(9, 10) })).queuedSymbols).toEqual(["S0010"]);
      const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM portfolios WHERE name IN ('Too many', 'Two more')`);
      expect(rows[0].n).toBe(0);
    } finally {
      await getPool().query(`DELETE FROM symbol_onboarding_jobs WHERE status = 'pending'`);
      worker.enabled = true;
    }
  });
});
