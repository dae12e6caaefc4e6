/**
 * A book typed from memory: a listed ticker outside the simulated universe (UBER) is priced and gets betas, and a
 * private asset named with spaces and commas is stored under its derived identifier with its name, never priced.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { REQUIRED_ETFS } from "../market-data/etfs";
import { latestCompletedTradingDay, previousTradingDay } from "../base/calendar";
import { createPortfolioSchema } from "../schemas/portfolio";
import { insertTestUser } from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { onboardPortfolio } from "./onboarding";
import { ensureOnboardingWorker } from "./onboarding-worker";
import { executeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";

const calcDate = previousTradingDay(latestCompletedTradingDay(new Date()));
const NAME = "Acme Private Credit Fund II, L.P.";

describe("onboarding in the simulated market", () => {
  let userId: string;

  useTestDatabase();
  beforeAll(async () => {
    const lease = await createRun({
      jobType: "rerun", triggeredBy: "cli",
      params: { work: [{ date: calcDate, phases: ["phase_1_market_data", "phase_3_factors"], symbols: [...REQUIRED_ETFS] }] },
    });
    expect((await executeRun(lease)).status).toBe("completed");
    userId = await insertTestUser();
  });

  it("prices an unknown-but-valid ticker and keeps a freely named private asset away from the provider", async () => {
    const input = createPortfolioSchema.parse({
      name: "Typed from memory", startingEquity: 1_000_000,
      positions: [
        { symbol: "uber", quantity: 100, entryPrice: 70, entryDate: calcDate },
        { symbol: NAME, quantity: 1, entryPrice: 250_000, entryDate: calcDate, investmentClass: "PRIVATE" },
      ],
    });
    const result = await onboardPortfolio({ userId, ...input });
    expect(result.queuedSymbols).toEqual(["UBER"]);
    await ensureOnboardingWorker();
    const job = await getPool().query(`SELECT status, error FROM symbol_onboarding_jobs WHERE portfolio_id = $1`, [result.portfolioId]);
    expect(job.rows).toEqual([{ status: "completed", error: null }]);
    const betas = await getPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM symbol_factor_exposures WHERE symbol = 'UBER' AND calculation_date = $1`, [calcDate]);
    expect(betas.rows[0].n).toBeGreaterThanOrEqual(12);

    const positions = await getPool().query<{ symbol: string; display_name: string | null; investment_class: string }>(
      `SELECT symbol, display_name, investment_class FROM positions WHERE portfolio_id = $1 ORDER BY symbol`, [result.portfolioId]);
    expect(positions.rows).toEqual([
      { symbol: expect.stringMatching(/^PRIV_ACME_PRIVATE_CREDI_[0-9A-F]{8}$/), display_name: NAME, investment_class: "PRIVATE" },
      { symbol: "UBER", display_name: null, investment_class: "PUBLIC" },
    ]);
    const privateSymbol = positions.rows[0].symbol;
    const touched = await getPool().query<{ n: number }>(
      `SELECT (SELECT count(*) FROM market_data WHERE symbol = $1) + (SELECT count(*) FROM symbol_onboarding_jobs WHERE symbol = $1)
            + (SELECT count(*) FROM symbol_pricing_failures WHERE symbol = $1) AS n`, [privateSymbol]);
    expect(Number(touched.rows[0].n)).toBe(0);
  });
});
