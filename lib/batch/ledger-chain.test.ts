/**
 * The equity chain as a fold: any order of runs gives the sequential answer (D1, D3, then a backfill of D2 equals
 * D1, D2, D3 to the cent), holes are filled in the same run or the portfolio waits for the missing date, every later
 * snapshot is restated, day one holds the declared equity, and events dated on a weekend count on the next trading day.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { insertTestEquityChange, insertTestPortfolio, insertTestPosition, insertTestRealizedEvent, insertTestUser } from "../testing/portfolio-fixtures";
import { buildSymbolData, ledgerRows, refreshPortfolios, snapshotOn } from "../testing/ledger-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { auditLedger } from "./ledger-audit";

// Monday 2025-11-17 … Monday 2025-11-24 (the weekend 22–23 in between); D5 and D6 get their symbol data late.
const [D1, D2, D3, D4, D5, D6] = ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21", "2025-11-24"];
const SATURDAY = "2025-11-22";

/** The book: 100 CRM at a cost of 50 with 10,000 declared, an AAPL bought later, a flow and a partial exit. */
async function createBook(userId: string, name: string): Promise<string> {
  const id = await insertTestPortfolio({ userId, startingEquity: 10_000, inceptionDate: D1, name });
  await insertTestPosition(id, { symbol: "CRM", quantity: 100, entryPrice: 50, entryDate: D1 });
  await insertTestPosition(id, { symbol: "AAPL", quantity: 20, entryPrice: 180, entryDate: D3 });
  const exited = await insertTestPosition(id, { symbol: "CRM", quantity: -10, entryPrice: 300, entryDate: D1, exitDate: D4 });
  await insertTestEquityChange(id, "CONTRIBUTION", 2_500, D2);
  await insertTestEquityChange(id, "WITHDRAWAL", 700, SATURDAY);
  await insertTestRealizedEvent(id, exited, D4, 10, -123.45);
  return id;
}

let userId: string;
let ordered: string;
let outOfOrder: string;

useTestDatabase();
beforeAll(async () => {
  await buildSymbolData([D1, D2, D3, D4, D6], ["CRM", "AAPL"]);
  userId = await insertTestUser();
  ordered = await createBook(userId, "ordered");
  outOfOrder = await createBook(userId, "out of order");
}, 120_000);

const money = (row: Record<string, unknown>, column: string) => Number(row[column]);

describe("the equity chain", () => {
  it("holds the declared equity and no P&L on the inception day, whatever the entry price", async () => {
    expect((await refreshPortfolios(D1, [ordered])).status).toBe("completed");
    const first = await snapshotOn(ordered, D1);
    // CRM closes above the cost of 50 (100 shares worth more than 5,000), but the declared 10,000 is the NAV.
    expect(first).toMatchObject({ is_complete: true, equity_balance: 10_000, daily_pnl: 0, cumulative_pnl: 0, daily_capital_flow: 0 });
    expect(first.long_value).toBeGreaterThan(5_000);
  });

  it("D1, D3, then a backfill of D2 gives the rows of D1, D2, D3 to the cent (exposures and stress included)", async () => {
    for (const date of [D2, D3, D4]) expect((await refreshPortfolios(date, [ordered])).status).toBe("completed");

    expect((await refreshPortfolios(D1, [outOfOrder])).status).toBe("completed");
    // D3 before D2: the hole at D2 is filled first, in the same run.
    const d3 = await refreshPortfolios(D3, [outOfOrder]);
    expect(d3.status).toBe("completed");
    const phase4 = await getPool().query(`SELECT result FROM batch_phase_runs WHERE run_id = $1 AND phase_key = 'phase_4_pnl'`, [d3.runId]);
    expect(phase4.rows[0].result).toMatchObject({ holesFilled: 1, snapshotsWritten: 2 });
    // The backfill of D2 recomputes it and restates D3 (and D4 once it exists).
    expect((await refreshPortfolios(D4, [outOfOrder])).status).toBe("completed");
    const backfill = await refreshPortfolios(D2, [outOfOrder]);
    expect(backfill.status).toBe("completed");
    const restated = await getPool().query(`SELECT result FROM batch_phase_runs WHERE run_id = $1 AND phase_key = 'phase_5_factor_aggregation'`, [backfill.runId]);
    expect(restated.rows[0].result).toMatchObject({ otherDates: 2 });

    const [a, b] = await Promise.all([ledgerRows(ordered), ledgerRows(outOfOrder)]);
    expect(a.snapshots).toHaveLength(4);
    expect(a.exposures.length).toBeGreaterThan(0);
    expect(a.stress.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    const equities = (await getPool().query(`SELECT id, current_equity, current_equity_date FROM portfolios WHERE id = ANY($1::uuid[]) ORDER BY name`, [[ordered, outOfOrder]])).rows;
    expect(equities[0].current_equity).toBe(equities[1].current_equity);
    expect(equities.map((row) => row.current_equity_date)).toEqual([D4, D4]);
  });

  it("books a later entry at close − entry on its entry day, a weekend withdrawal on Monday and the exit's realized P&L", async () => {
    const [s2, s3, s4] = [await snapshotOn(ordered, D2), await snapshotOn(ordered, D3), await snapshotOn(ordered, D4)];
    const closes = await getPool().query<{ symbol: string; date: string; close: number }>(
      `SELECT symbol, date, close FROM market_data WHERE symbol IN ('CRM', 'AAPL') AND date BETWEEN $1 AND $2`, [D1, D4]);
    const close = (symbol: string, date: string) => closes.rows.find((row) => row.symbol === symbol && row.date === date)!.close;
    // D3: CRM (net 90 shares) close to close, AAPL entered on D3 at 180 earns close − 180.
    const expectedD3 = Math.round(((close("CRM", D3) - close("CRM", D2)) * 90 + (close("AAPL", D3) - 180) * 20) * 100) / 100;
    expect(money(s3, "daily_pnl")).toBeCloseTo(expectedD3, 2);
    // The contribution of D2 counts on D2.
    expect(s2).toMatchObject({ daily_capital_flow: 2_500, cumulative_capital_flow: 2_500 });
    // D4: the short CRM exits (no P&L from it that day), its realized −123.45 counts.
    expect(s4).toMatchObject({ daily_realized_pnl: -123.45, cumulative_realized_pnl: -123.45 });
    expect(money(s4, "equity_balance")).toBeCloseTo(money(s3, "equity_balance") + money(s4, "daily_pnl"), 2);
  });

  it("a run whose earlier day lacks symbol data waits for it and writes nothing; once the data is there the run fills it", async () => {
    // D5 has no symbol batch yet: refreshing D6 must not write D6 on top of a hole.
    const waiting = await refreshPortfolios(D6, [ordered]);
    expect(waiting.status).toBe("partial");
    const phase = await getPool().query(`SELECT status, errors FROM batch_phase_runs WHERE run_id = $1 AND phase_key = 'phase_4_pnl'`, [waiting.runId]);
    expect(phase.rows[0].status).toBe("failed");
    expect(phase.rows[0].errors.details).toEqual([{ type: "blocked", portfolioId: ordered, message: `waiting for ${D5}` }]);
    expect(await snapshotOn(ordered, D6)).toBeNull();
    expect(await snapshotOn(ordered, D5)).toBeNull();
    await buildSymbolData([D5], ["CRM", "AAPL"]);
    const filled = await refreshPortfolios(D6, [ordered]);
    expect(filled.status).toBe("completed");
    expect((await snapshotOn(ordered, D5))?.is_complete).toBe(true);
    // The Saturday withdrawal counts on Monday D6.
    expect(await snapshotOn(ordered, D6)).toMatchObject({ is_complete: true, daily_capital_flow: -700, cumulative_capital_flow: 1_800 });
  });

  it("restates every later snapshot when an earlier day changes, and current equity follows the latest", async () => {
    await refreshPortfolios(D6, [outOfOrder]);
    const before = await snapshotOn(outOfOrder, D6);
    await insertTestEquityChange(outOfOrder, "CONTRIBUTION", 1_000, D2);
    expect((await refreshPortfolios(D2, [outOfOrder])).status).toBe("completed");
    const after = await snapshotOn(outOfOrder, D6);
    expect(money(after, "equity_balance")).toBeCloseTo(money(before, "equity_balance") + 1_000, 2);
    expect(money(after, "cumulative_capital_flow")).toBeCloseTo(money(before, "cumulative_capital_flow") + 1_000, 2);
    expect(after.revision).toBeGreaterThan(before.revision);
    // Exposures and stress of every restated day were recomputed from its new revision.
    const stale = await getPool().query(`SELECT count(*)::int AS n FROM portfolio_snapshots WHERE portfolio_id = $1 AND (exposures_revision <> revision OR stress_revision <> revision)`, [outOfOrder]);
    expect(stale.rows[0].n).toBe(0);
    const { rows } = await getPool().query(`SELECT current_equity, current_equity_date FROM portfolios WHERE id = $1`, [outOfOrder]);
    expect(rows[0]).toEqual({ current_equity: money(after, "equity_balance"), current_equity_date: D6 });
    expect(await auditLedger()).toMatchObject({ clean: true, violations: [] });
  });
});
