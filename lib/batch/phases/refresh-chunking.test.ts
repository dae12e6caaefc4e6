/**
 * The portfolio refresh (phases 4–6) streams the book chunk by chunk, two chunk transactions in flight, so its memory
 * follows the chunk and not the book. Streaming must not change the answer: the same book refreshed in chunks of two
 * portfolios and in one chunk holding every portfolio leaves the same rows, value for value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSymbolCache } from "../../cache/symbol-cache";
import { closeDatabase, getPool } from "../../db/client";
import { insertPersonalScenario } from "../../db/stress-scenario-rows";
import {
  insertTestFactorEtfHistory, insertTestPortfolio, insertTestPosition, insertTestPrices, insertTestSymbolBetas, insertTestUser,
} from "../../testing/portfolio-fixtures";
import { cloneTestDatabase, createTestDatabase, type TestDatabase } from "../../testing/test-database";
import { createPhaseContext, type PhaseSummary } from "../phase-types";
import { runPnlPhase } from "./04-pnl";
import { runFactorAggregationPhase } from "./05-factor-aggregation";
import { runStressPhase } from "./06-stress";

const ENTRY = "2026-01-14";
const D = "2026-01-15";
const BOOK_SIZE = 7;

let base: TestDatabase | undefined;
const copies: TestDatabase[] = [];
let portfolioIds: string[] = [];

beforeAll(async () => {
  base = await createTestDatabase();
  const alice = await insertTestUser();
  const bob = await insertTestUser();
  const book: { userId: string; equity: number; positions: { symbol: string; quantity: number; entryPrice: number; investmentClass?: string; marketValue?: number }[] }[] = [
    { userId: alice, equity: 100_000, positions: [{ symbol: "AAA", quantity: 100, entryPrice: 50 }, { symbol: "BBB", quantity: -50, entryPrice: 40 }] },
    { userId: alice, equity: 100_000, positions: [{ symbol: "TLT", quantity: 500, entryPrice: 90 }] },
    { userId: alice, equity: 10_000, positions: [{ symbol: "XYZ", quantity: 1_000, entryPrice: 100 }] },
    { userId: bob, equity: 50_000, positions: [{ symbol: "RENTAL_SFH", quantity: 1, entryPrice: 50_000, investmentClass: "PRIVATE", marketValue: 50_000 }] },
    { userId: bob, equity: 75_000, positions: [{ symbol: "AAA", quantity: 300, entryPrice: 49 }, { symbol: "CCC", quantity: 200, entryPrice: 12.5 }] },
    { userId: bob, equity: 250_000, positions: [{ symbol: "BBB", quantity: 400, entryPrice: 41 }, { symbol: "XYZ", quantity: -120, entryPrice: 99 }, { symbol: "TLT", quantity: 100, entryPrice: 91 }] },
    { userId: alice, equity: 25_000, positions: [{ symbol: "AAA", quantity: 10, entryPrice: 51 }, { symbol: "CCC", quantity: -300, entryPrice: 12 }] },
  ];
  portfolioIds = [];
  for (const [index, entry] of book.entries()) {
    const id = await insertTestPortfolio({ userId: entry.userId, startingEquity: entry.equity, inceptionDate: ENTRY, name: `book ${index}` });
    for (const position of entry.positions) await insertTestPosition(id, { ...position, entryDate: ENTRY });
    portfolioIds.push(id);
  }
  await insertTestFactorEtfHistory(D, 300);
  await insertTestPrices({
    AAA: { [ENTRY]: 50, [D]: 52.37 }, BBB: { [ENTRY]: 40, [D]: 39.11 }, CCC: { [ENTRY]: 12.25, [D]: 12.9 }, XYZ: { [ENTRY]: 100, [D]: 97.5 },
  });
  for (const [date, tilt] of [[ENTRY, 0], [D, 0.05]] as const) {
    await insertTestSymbolBetas(date, {
      AAA: { "Market Beta (90D)": 1.2 + tilt, Value: 0.5, Momentum: -0.3, "IR Beta": 0.3 },
      BBB: { "Market Beta (90D)": 0.8, Value: -0.2 + tilt, Size: 0.4, "IR Beta": 0.1 },
      TLT: { "Market Beta (90D)": -0.2, "IR Beta": 1 },
      XYZ: { "Market Beta (90D)": 5, Value: 2, Growth: 2, Momentum: 1, Quality: 1, Size: 1, "Low Volatility": 1 - tilt, "IR Beta": -1 },
    });
  }
  await insertPersonalScenario({ ownerId: alice, name: "Alice's", description: "rates up, value down", shocks: { Value: -0.2, "Interest Rate": 0.005 } });
  await closeDatabase();
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  for (const database of [...copies, base]) await database?.drop();
});

const PHASES = [runPnlPhase, runFactorAggregationPhase, runStressPhase] as const;

/** Phases 4–6 of D on a fresh copy of the seeded book, in chunks of `chunkSize`; the stored rows and each phase's progress calls. */
async function refreshCopy(chunkSize: number) {
  const copy = await cloneTestDatabase(base!);
  copies.push(copy);
  getSymbolCache().clear();
  const progress: [number, number][][] = [];
  const summaries: PhaseSummary[] = [];
  for (const run of PHASES) {
    const calls: [number, number][] = [];
    summaries.push(await run(createPhaseContext(D, { portfolioIds, chunkSize, progress: (done, total) => calls.push([done, total]) })));
    progress.push(calls);
  }
  const rows = await storedRows();
  await closeDatabase();
  return { progress, summaries, rows };
}

/** Every row the refresh writes, without the columns that only say when or which physical row (ids, timestamps). */
async function storedRows(): Promise<Record<string, unknown[]>> {
  const pool = getPool();
  const read = async (sql: string) => (await pool.query(sql, [portfolioIds])).rows;
  return {
    snapshots: await read(`SELECT portfolio_id, snapshot_date::text, total_value, equity_balance, cash_value, long_value, short_value,
        gross_exposure, net_exposure, daily_pnl, daily_return, cumulative_pnl, daily_realized_pnl, cumulative_realized_pnl,
        daily_capital_flow, cumulative_capital_flow, num_positions, num_long_positions, num_short_positions, beta_calculated_90d,
        beta_provider_1y, hhi, effective_num_positions, top_3_concentration, top_10_concentration, is_complete
      FROM portfolio_snapshots WHERE portfolio_id = ANY($1::uuid[]) ORDER BY portfolio_id, snapshot_date`),
    positions: await read(`SELECT id, last_price, market_value, unrealized_pnl FROM positions WHERE portfolio_id = ANY($1::uuid[]) ORDER BY id`),
    equity: await read(`SELECT id, current_equity FROM portfolios WHERE id = ANY($1::uuid[]) ORDER BY id`),
    exposures: await read(`SELECT portfolio_id, factor_id, calculation_date::text, exposure_value, exposure_dollar FROM factor_exposures
      WHERE portfolio_id = ANY($1::uuid[]) ORDER BY portfolio_id, calculation_date, factor_id`),
    coverage: await read(`SELECT portfolio_id, calculation_date::text, equity_usd, public_market_value_usd, covered_market_value_usd,
        private_market_value_usd, coverage, private_allocation, public_positions, covered_positions
      FROM portfolio_factor_coverage WHERE portfolio_id = ANY($1::uuid[]) ORDER BY portfolio_id, calculation_date`),
    stress: await read(`SELECT portfolio_id, scenario_id, calculation_date::text, direct_pnl, correlated_pnl, correlation_effect,
        direct_cap_applied, correlated_cap_applied, factor_impacts::text, calculation_metadata::text
      FROM stress_test_results WHERE portfolio_id = ANY($1::uuid[]) ORDER BY portfolio_id, calculation_date, scenario_id`),
    summaries: await read(`SELECT portfolio_id, calculation_date::text, scenarios_tested, worst_pnl, worst_scenario_id, best_pnl,
        best_scenario_id, mean_pnl FROM stress_test_summaries WHERE portfolio_id = ANY($1::uuid[]) ORDER BY portfolio_id, calculation_date`),
  };
}

describe("the streamed refresh", () => {
  it("writes, in chunks of two portfolios, exactly the rows of one chunk holding the whole book", async () => {
    const streamed = await refreshCopy(2);
    const whole = await refreshCopy(1_000);
    // The streamed run really went chunk by chunk (4 chunks of ≤ 2 of the 7 portfolios per phase), the other in one.
    for (const calls of streamed.progress) {
      expect(calls).toHaveLength(Math.ceil(BOOK_SIZE / 2));
      expect(calls.map(([done]) => done).sort((a, b) => a - b).at(-1)).toBe(BOOK_SIZE);
    }
    for (const calls of whole.progress) expect(calls).toEqual([[BOOK_SIZE, BOOK_SIZE]]);
    expect(streamed.summaries.map((summary) => summary.status)).toEqual(["completed", "completed", "completed"]);
    expect(streamed.summaries.map(({ itemsDone, itemsFailed, itemsSkipped }) => ({ itemsDone, itemsFailed, itemsSkipped })))
      .toEqual(whole.summaries.map(({ itemsDone, itemsFailed, itemsSkipped }) => ({ itemsDone, itemsFailed, itemsSkipped })));
    // Something of every kind was written (the hole before D filled too), and every row matches.
    expect(streamed.rows.snapshots).toHaveLength(2 * BOOK_SIZE);
    expect(streamed.rows.exposures.length).toBeGreaterThan(BOOK_SIZE);
    expect(streamed.rows.stress.length).toBeGreaterThan(BOOK_SIZE * 10);
    expect(streamed.rows.summaries.length).toBeGreaterThanOrEqual(BOOK_SIZE - 1);
    for (const table of Object.keys(whole.rows)) expect({ table, rows: streamed.rows[table] }).toEqual({ table, rows: whole.rows[table] });
  }, 120_000);
});
