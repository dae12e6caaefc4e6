import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { REQUIRED_ETFS } from "../market-data/etfs";
import { latestCompletedTradingDay, previousTradingDay } from "../risk/calendar";
import { insertTestUser } from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { onboardPortfolio, OnboardingInputError, OnboardingQueueFullError, ONBOARDING_MAX_PENDING } from "./onboarding";
import { ensureOnboardingWorker } from "./onboarding-worker";
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

describe("onboardPortfolio (D14)", () => {
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
});
