import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../../db/client";
import { useTestDatabase } from "../../testing/test-database";
import {
  dumpPortfolioRows,
  insertTestPortfolio,
  insertTestPosition,
  insertTestPrices,
  insertTestSymbolBetas,
  insertTestUser,
} from "../../testing/portfolio-fixtures";
import { createPhaseContext } from "../phase-types";
import { runPnlPhase } from "./04-pnl";
import { runFactorAggregationPhase } from "./05-factor-aggregation";

const ENTRY = "2026-01-14";
const D = "2026-01-15";
const OPTION = "AAA260220C00050000";

let book: string;
let zeroEquity: string;
let privateOnly: string;
let notStarted: string;

async function exposures(portfolioId: string): Promise<Record<string, { beta: number; usd: number }>> {
  const { rows } = await getPool().query<{ name: string; exposure_value: number; exposure_dollar: number }>(
    `SELECT f.name, e.exposure_value, e.exposure_dollar FROM factor_exposures e JOIN factor_definitions f ON f.id = e.factor_id
      WHERE e.portfolio_id = $1 AND e.calculation_date = $2`,
    [portfolioId, D],
  );
  return Object.fromEntries(rows.map((row) => [row.name, { beta: row.exposure_value, usd: row.exposure_dollar }]));
}

async function coverage(portfolioId: string) {
  const { rows } = await getPool().query("SELECT * FROM portfolio_factor_coverage WHERE portfolio_id = $1 AND calculation_date = $2", [portfolioId, D]);
  return rows[0];
}

useTestDatabase();
beforeAll(async () => {
  const userId = await insertTestUser();
  book = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: D, name: "long/short" });
  zeroEquity = await insertTestPortfolio({ userId, startingEquity: 0, inceptionDate: D, name: "zero" });
  privateOnly = await insertTestPortfolio({ userId, startingEquity: 50_000, inceptionDate: D, name: "private" });
  notStarted = await insertTestPortfolio({ userId, startingEquity: 10_000, inceptionDate: "2026-02-02", name: "later" });
  await insertTestPosition(book, { symbol: "AAA", quantity: 100, entryPrice: 50, entryDate: ENTRY });
  await insertTestPosition(book, { symbol: "BBB", quantity: -50, entryPrice: 40, entryDate: ENTRY });
  await insertTestPosition(book, { symbol: OPTION, quantity: 2, entryPrice: 3, entryDate: ENTRY, positionType: "LC", investmentClass: "OPTIONS" });
  await insertTestPosition(book, { symbol: "HOME_EQUITY", quantity: 1, entryPrice: 10_000, entryDate: ENTRY, investmentClass: "PRIVATE", marketValue: 10_000 });
  await insertTestPosition(book, { symbol: "OLD", quantity: 10, entryPrice: 10, entryDate: ENTRY, exitDate: D });
  await insertTestPosition(zeroEquity, { symbol: "AAA", quantity: 10, entryPrice: 50, entryDate: ENTRY });
  await insertTestPosition(privateOnly, { symbol: "ART_COLLECTIBLES", quantity: 1, entryPrice: 40_000, entryDate: ENTRY, investmentClass: null, marketValue: 50_000 });
  await insertTestPrices({
    AAA: { [ENTRY]: 50, [D]: 52 },
    BBB: { [ENTRY]: 40, [D]: 39 },
    [OPTION]: { [ENTRY]: 3, [D]: 4 },
    OLD: { [ENTRY]: 10, [D]: 11 },
  });
  await insertTestSymbolBetas(D, {
    AAA: { "Market Beta (90D)": 1.2, Value: 0.5, "IR Beta": 0.3 },
    BBB: { "Market Beta (90D)": 0.8, Value: -0.2, "IR Beta": 0.1 },
    OLD: { "Market Beta (90D)": 3 },
    SPY: { "Market Beta (90D)": 1 },
  });
  // A stale row from an earlier run that the phase must replace.
  await getPool().query(
    `INSERT INTO factor_exposures (portfolio_id, factor_id, calculation_date, exposure_value, exposure_dollar)
     SELECT $1, id, $2, 9, 900000 FROM factor_definitions WHERE name = 'Momentum Spread'`,
    [book, D],
  );
  await runPnlPhase(createPhaseContext(D));
});

describe("runFactorAggregationPhase", () => {
  it("aggregates signed public market values over equity into betas and dollar exposures (R16)", async () => {
    const summary = await runFactorAggregationPhase(createPhaseContext(D));
    // The portfolio incepted after D is not in scope on D.
    expect(summary).toMatchObject({ itemsTotal: 3, itemsDone: 2, itemsFailed: 1, itemsSkipped: 0, status: "partial" });
    // AAA 100×52 = 5,200; BBB −50×39 = −1,950; E = 100,000. The option, the private asset and the exited OLD are out.
    const rows = await exposures(book);
    expect(Object.keys(rows).sort()).toEqual(["IR Beta", "Market Beta (90D)", "Value"]);
    expect(rows["Market Beta (90D)"]).toEqual({ beta: 0.0468, usd: 4_680 });
    expect(rows.Value).toEqual({ beta: 0.0299, usd: 2_990 });
    expect(rows["IR Beta"]).toEqual({ beta: 0.01365, usd: 1_365 });
  });

  it("records coverage and private allocation", async () => {
    expect(await coverage(book)).toMatchObject({
      equity_usd: 100_000, public_market_value_usd: 7_150, covered_market_value_usd: 7_150, private_market_value_usd: 10_000,
      coverage: 1, public_positions: 2, covered_positions: 2,
    });
    expect((await coverage(book)).private_allocation).toBeCloseTo(10_000 / (5_200 + 1_950 + 800 + 10_000), 12);
    expect(await coverage(privateOnly)).toMatchObject({ private_allocation: 1, coverage: 0, public_positions: 0, private_market_value_usd: 50_000 });
    expect(await exposures(privateOnly)).toEqual({});
  });

  it("records a zero-equity portfolio as a failure and carries on with the others", async () => {
    const summary = await runFactorAggregationPhase(createPhaseContext(D));
    expect(summary.errors).toEqual([
      { type: "zero_equity", portfolioId: zeroEquity, message: expect.stringContaining("zero or negative") },
    ]);
    expect(await exposures(zeroEquity)).toEqual({});
    expect(await coverage(notStarted)).toBeUndefined();
  });

  it("is idempotent: running twice leaves the same rows", async () => {
    const ids = [book, zeroEquity, privateOnly, notStarted];
    const strip = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), created_at: undefined }));
    const before = strip(await dumpPortfolioRows("factor_exposures", ids, "portfolio_id, factor_id"));
    const coverageBefore = strip(await dumpPortfolioRows("portfolio_factor_coverage", ids, "portfolio_id"));
    await runFactorAggregationPhase(createPhaseContext(D));
    expect(strip(await dumpPortfolioRows("factor_exposures", ids, "portfolio_id, factor_id"))).toEqual(before);
    expect(strip(await dumpPortfolioRows("portfolio_factor_coverage", ids, "portfolio_id"))).toEqual(coverageBefore);
  });

  it("restricts to ctx.portfolioIds", async () => {
    const summary = await runFactorAggregationPhase(createPhaseContext(D, { portfolioIds: [privateOnly] }));
    expect(summary).toMatchObject({ itemsTotal: 1, itemsDone: 1, itemsFailed: 0 });
    expect(Object.keys(await exposures(book))).toHaveLength(3);
  });
});
