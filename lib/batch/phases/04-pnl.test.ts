import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../../db/client";
import { useTestDatabase } from "../../testing/test-database";
import {
  dumpPortfolioRows,
  insertTestEquityChange,
  insertTestPortfolio,
  insertTestPosition,
  insertTestPrices,
  insertTestProviderBeta,
  insertTestRealizedEvent,
  insertTestSymbolBetas,
  insertTestUser,
} from "../../testing/portfolio-fixtures";
import { createPhaseContext } from "../phase-types";
import { runPnlPhase } from "./04-pnl";

// 2026-01-14 Wed, 01-15 Thu, 01-16 Fri, 01-19 Mon (MLK Day, NYSE closed), 01-20 Tue, 01-21 Wed.
const D1 = "2026-01-14";
const D2 = "2026-01-15";
const D3 = "2026-01-16";
const HOLIDAY = "2026-01-19";
const D4 = "2026-01-20";
const D5 = "2026-01-21";
const OPTION = "AAA260220C00050000";

let bookA: string; // long/short with a call option
let bookB: string; // exit mid-window, realized P&L, capital flows
let bookC: string; // private assets only
const positionIds: Record<string, string> = {};

interface SnapshotRow {
  equity_balance: number; total_value: number; cash_value: number; long_value: number; short_value: number;
  gross_exposure: number; net_exposure: number; daily_pnl: number; daily_return: number; cumulative_pnl: number;
  daily_realized_pnl: number; cumulative_realized_pnl: number; daily_capital_flow: number; cumulative_capital_flow: number;
  num_positions: number; num_long_positions: number; num_short_positions: number; beta_calculated_90d: number | null;
  beta_provider_1y: number | null; hhi: number | null; effective_num_positions: number | null;
  top_3_concentration: number | null; top_10_concentration: number | null; is_complete: boolean;
}

async function snapshot(portfolioId: string, date: string): Promise<SnapshotRow> {
  const { rows } = await getPool().query<SnapshotRow>(
    "SELECT * FROM portfolio_snapshots WHERE portfolio_id = $1 AND snapshot_date = $2",
    [portfolioId, date],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function position(id: string) {
  const { rows } = await getPool().query<{ last_price: number | null; market_value: number | null; unrealized_pnl: number | null }>(
    "SELECT last_price, market_value, unrealized_pnl FROM positions WHERE id = $1",
    [id],
  );
  return rows[0];
}

async function portfolio(id: string) {
  const { rows } = await getPool().query<{ starting_equity: number; current_equity: number; current_equity_date: string | null }>(
    "SELECT starting_equity, current_equity, current_equity_date FROM portfolios WHERE id = $1",
    [id],
  );
  return rows[0];
}

useTestDatabase();
beforeAll(async () => {
  const userId = await insertTestUser();
  bookA = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: D1, name: "A" });
  bookB = await insertTestPortfolio({ userId, startingEquity: 50_000, inceptionDate: D1, name: "B" });
  bookC = await insertTestPortfolio({ userId, startingEquity: 200_000, inceptionDate: D1, name: "C" });
  positionIds.aaa = await insertTestPosition(bookA, { symbol: "AAA", quantity: 100, entryPrice: 50, entryDate: D1 });
  positionIds.bbb = await insertTestPosition(bookA, { symbol: "BBB", quantity: -50, entryPrice: 40, entryDate: D1 });
  positionIds.option = await insertTestPosition(bookA, {
    symbol: OPTION, quantity: 2, entryPrice: 3, entryDate: D1, positionType: "LC", investmentClass: "OPTIONS",
  });
  positionIds.ccc = await insertTestPosition(bookB, { symbol: "CCC", quantity: 100, entryPrice: 20, entryDate: D1, exitDate: D3 });
  positionIds.home = await insertTestPosition(bookC, {
    symbol: "HOME_EQUITY", quantity: 1, entryPrice: 150_000, entryDate: D1, investmentClass: "PRIVATE", marketValue: 180_000,
  });
  positionIds.fund = await insertTestPosition(bookC, {
    symbol: "TWO_SIGMA_FUND", quantity: 1, entryPrice: 20_000, entryDate: D1, investmentClass: null, marketValue: 20_000,
  });
  await insertTestPrices({
    AAA: { [D1]: 50, [D2]: 52, [D3]: 51, [D4]: 53, [D5]: 54 },
    BBB: { [D1]: 40, [D2]: 39, [D3]: 41, [D4]: 40, [D5]: 40 },
    [OPTION]: { [D1]: 3, [D2]: 4, [D3]: 3.5, [D4]: 4.5, [D5]: 4.5 },
    CCC: { [D1]: 20, [D2]: 21, [D3]: 25, [D4]: 30, [D5]: 30 },
  });
  // The symbol batch's factor phase ran on every date (the market ETF's rows say so); Market Beta as of D2.
  for (const date of [D1, D2, D3, D4, D5]) {
    await insertTestSymbolBetas(date, date === D2 ? { AAA: { "Market Beta (90D)": 1.2 }, BBB: { "Market Beta (90D)": 0.8 }, SPY: { "Market Beta (90D)": 1 } } : { SPY: { "Market Beta (90D)": 1 } });
  }
  await insertTestProviderBeta("AAA", 1.1);
  await insertTestProviderBeta("BBB", 0.9);
  await insertTestEquityChange(bookB, "CONTRIBUTION", 1_000, D2);
  await insertTestEquityChange(bookB, "WITHDRAWAL", 300, D3);
  await insertTestRealizedEvent(bookB, positionIds.ccc, D3, 100, 450);
});

describe("runPnlPhase", () => {
  it("skips a holiday as 'not a trading day' without errors or rows", async () => {
    const summary = await runPnlPhase(createPhaseContext(HOLIDAY));
    expect(summary.status).toBe("skipped");
    expect(summary.reason).toBe("not a trading day");
    expect(summary.errors).toEqual([]);
    const { rows } = await getPool().query("SELECT 1 FROM portfolio_snapshots WHERE snapshot_date = $1", [HOLIDAY]);
    expect(rows).toHaveLength(0);
  });

  it("writes the first snapshot at the starting equity (no P&L on the first day)", async () => {
    const summary = await runPnlPhase(createPhaseContext(D1));
    expect(summary).toMatchObject({ status: "completed", itemsTotal: 3, itemsDone: 3, itemsFailed: 0 });
    const a = await snapshot(bookA, D1);
    expect(a).toMatchObject({
      is_complete: true, equity_balance: 100_000, total_value: 100_000, daily_pnl: 0, daily_return: 0,
      long_value: 5_600, short_value: -2_000, gross_exposure: 7_600, net_exposure: 3_600, cash_value: 96_400,
      num_positions: 3, num_long_positions: 2, num_short_positions: 1,
    });
  });

  it("rolls a long/short book with an option (multiplier 100) forward to the cent", async () => {
    await runPnlPhase(createPhaseContext(D2));
    const a = await snapshot(bookA, D2);
    // AAA (52−50)×100 = 200; BBB (39−40)×−50 = 50; call (4−3)×2×100 = 200.
    expect(a).toMatchObject({
      equity_balance: 100_450, daily_pnl: 450, daily_return: 0.0045, cumulative_pnl: 450,
      long_value: 6_000, short_value: -1_950, gross_exposure: 7_950, net_exposure: 4_050, cash_value: 96_400,
    });
    expect(a.beta_calculated_90d).toBeCloseTo((5_200 * 1.2 - 1_950 * 0.8) / 100_450, 12);
    expect(a.beta_provider_1y).toBeCloseTo((5_200 * 1.1 - 1_950 * 0.9) / 100_450, 12);
    const weights = [5_200, 1_950, 800].map((mv) => mv / 7_950);
    const hhi = weights.reduce((sum, w) => sum + w * w, 0) * 10_000;
    expect(a.hhi).toBeCloseTo(hhi, 9);
    expect(a.effective_num_positions).toBeCloseTo(10_000 / hhi, 9);
    expect(a.top_3_concentration).toBeCloseTo(1, 12);
    await runPnlPhase(createPhaseContext(D3));
    // AAA −100; BBB (41−39)×−50 = −100; call (3.5−4)×200 = −100.
    expect(await snapshot(bookA, D3)).toMatchObject({ equity_balance: 100_150, daily_pnl: -300, cumulative_pnl: 150 });
  });

  it("books a capital flow and stops P&L at the exit date (realized P&L instead)", async () => {
    const b2 = await snapshot(bookB, D2);
    expect(b2).toMatchObject({ daily_pnl: 100, daily_capital_flow: 1_000, cumulative_capital_flow: 1_000, equity_balance: 51_100, daily_return: 0.002 });
    const b3 = await snapshot(bookB, D3);
    // CCC exits on D3: its move from 21 to 25 is not P&L; the realized 450 is; the withdrawal is −300.
    expect(b3).toMatchObject({
      daily_pnl: 450, daily_realized_pnl: 450, cumulative_realized_pnl: 450, daily_capital_flow: -300,
      cumulative_capital_flow: 700, cumulative_pnl: 550, equity_balance: 51_250, num_positions: 0, long_value: 0,
    });
  });

  it("values a private-only portfolio from stored market values with no P&L", async () => {
    const c = await snapshot(bookC, D3);
    expect(c).toMatchObject({ equity_balance: 200_000, daily_pnl: 0, long_value: 200_000, num_positions: 2, beta_provider_1y: null });
    expect(await position(positionIds.home)).toMatchObject({ market_value: 180_000, last_price: null });
  });

  it("processes the date after a holiday from the previous trading day's closes and refreshes positions", async () => {
    await runPnlPhase(createPhaseContext(D4));
    // AAA (53−51)×100 = 200; BBB (40−41)×−50 = 50; call (4.5−3.5)×200 = 200.
    expect(await snapshot(bookA, D4)).toMatchObject({ equity_balance: 100_600, daily_pnl: 450, cumulative_pnl: 600 });
    expect(await snapshot(bookB, D4)).toMatchObject({ equity_balance: 51_250, daily_pnl: 0 });
    expect(await position(positionIds.aaa)).toEqual({ last_price: 53, market_value: 5_300, unrealized_pnl: 300 });
    expect(await position(positionIds.bbb)).toEqual({ last_price: 40, market_value: -2_000, unrealized_pnl: 0 });
    expect(await position(positionIds.option)).toEqual({ last_price: 4.5, market_value: 900, unrealized_pnl: 300 });
    expect(await portfolio(bookA)).toEqual({ starting_equity: 100_000, current_equity: 100_600, current_equity_date: D4 });
  });

  it("is idempotent: a fill run skips complete snapshots; a recompute rewrites identical values under a new revision", async () => {
    const ids = [bookA, bookB, bookC];
    const before = await dumpPortfolioRows("portfolio_snapshots", ids, "portfolio_id, snapshot_date");
    const positionsBefore = await dumpPortfolioRows("positions", ids, "id");
    const fill = await runPnlPhase(createPhaseContext(D4, { mode: "fill" }));
    expect(fill).toMatchObject({ itemsDone: 0, itemsSkipped: 3, itemsFailed: 0 });
    expect(await dumpPortfolioRows("portfolio_snapshots", ids, "portfolio_id, snapshot_date")).toEqual(before);
    const recompute = await runPnlPhase(createPhaseContext(D4));
    expect(recompute).toMatchObject({ itemsDone: 3, itemsSkipped: 0, itemsFailed: 0 });
    const withoutRevision = (rows: unknown[]) => rows.map((row) => ({ ...(row as Record<string, unknown>), revision: undefined }));
    const after = await dumpPortfolioRows("portfolio_snapshots", ids, "portfolio_id, snapshot_date");
    expect(withoutRevision(after)).toEqual(withoutRevision(before));
    expect((after as { snapshot_date: string; revision: number }[]).filter((row) => row.snapshot_date === D4).map((row) => row.revision)).toEqual([2, 2, 2]);
    expect(await dumpPortfolioRows("positions", ids, "id")).toEqual(positionsBefore);
  });

  it("backfilling an older date changes neither current equity nor positions' last price", async () => {
    const original = await snapshot(bookA, D2);
    await getPool().query("DELETE FROM portfolio_snapshots WHERE portfolio_id = $1 AND snapshot_date = $2", [bookA, D2]);
    const summary = await runPnlPhase(createPhaseContext(D2, { portfolioIds: [bookA] }));
    expect(summary).toMatchObject({ itemsTotal: 1, itemsDone: 1 });
    const rebuilt = await snapshot(bookA, D2);
    expect({ ...rebuilt, id: undefined, created_at: undefined, updated_at: undefined }).toEqual({
      ...original, id: undefined, created_at: undefined, updated_at: undefined,
    });
    expect(await portfolio(bookA)).toEqual({ starting_equity: 100_000, current_equity: 100_600, current_equity_date: D4 });
    expect(await position(positionIds.aaa)).toEqual({ last_price: 53, market_value: 5_300, unrealized_pnl: 300 });
  });

  it("replaces an incomplete row left by an older version's crashed run", async () => {
    await getPool().query(
      `INSERT INTO portfolio_snapshots (id, portfolio_id, snapshot_date, equity_balance, daily_pnl, is_complete)
       VALUES (gen_random_uuid(), $1, $2, 1, 999, false)`,
      [bookA, D5],
    );
    const summary = await runPnlPhase(createPhaseContext(D5, { mode: "fill" }));
    expect(summary.result).toMatchObject({ snapshotsWritten: 3, alreadyComplete: 0 });
    // AAA (54−53)×100 = 100; BBB and the call unchanged.
    expect(await snapshot(bookA, D5)).toMatchObject({ is_complete: true, equity_balance: 100_700, daily_pnl: 100, cumulative_pnl: 700 });
    const { rows } = await getPool().query("SELECT count(*)::int AS n FROM portfolio_snapshots WHERE NOT is_complete");
    expect(rows[0].n).toBe(0);
  });
});
