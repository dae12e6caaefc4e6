/**
 * A ticker that cannot be priced no longer re-runs a month every night: ZZZZ9 fails pricing on three consecutive
 * attempted trading days, is marked unpriced with its last error and leaves the needed symbols; the next nightly with
 * nothing new plans 0 dates and completes; the holding shows "no data"; an admin's retry clears the mark.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { clearUnpricedMark, listUnpricedSymbols } from "../db/symbol-pricing";
import { getSymbolsToProcess } from "../db/symbols-to-process";
import { getPortfolioDetail } from "../queries/get-portfolio-detail";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { auditLedger } from "./ledger-audit";
import { startNightlyInProcess } from "./run-in-process";
import { planNightly } from "./run-plans";

const [N1, N2, N3] = ["2025-12-01", "2025-12-02", "2025-12-03"];
/** 18:30 in New York: the day's session is complete. */
const evening = (date: string) => new Date(`${date}T23:30:00Z`);

let userId: string;
let portfolioId: string;

useTestDatabase();
beforeAll(async () => {
  userId = await insertTestUser();
  portfolioId = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: N1, name: "with a typo" });
  await insertTestPosition(portfolioId, { symbol: "AAPL", quantity: 50, entryPrice: 200, entryDate: N1 });
  await insertTestPosition(portfolioId, { symbol: "ZZZZ9", quantity: 10, entryPrice: 20, entryDate: N1 });
});

async function failureDates(): Promise<string[]> {
  const { rows } = await getPool().query<{ calc_date: string }>(`SELECT calc_date FROM symbol_pricing_failures WHERE symbol = 'ZZZZ9' ORDER BY 1`);
  return rows.map((row) => row.calc_date);
}

describe("a symbol that cannot be priced", () => {
  it("is attempted on each trading day and marked unpriced after the third failed one", async () => {
    const night1 = await startNightlyInProcess({ triggeredBy: "cron", now: evening(N1) });
    expect(night1.dates).toEqual([N1]);
    expect(night1.status).toBe("partial");
    expect(await failureDates()).toEqual([N1]);
    // The portfolio is valued without it: the provider says it does not exist, there is nothing to wait for.
    const snapshots = await getPool().query(`SELECT snapshot_date FROM portfolio_snapshots WHERE portfolio_id = $1 AND is_complete`, [portfolioId]);
    expect(snapshots.rows).toEqual([{ snapshot_date: N1 }]);

    const night2 = await startNightlyInProcess({ triggeredBy: "cron", now: evening(N2) });
    expect(night2.dates).toEqual([N1, N2]);
    expect(await failureDates()).toEqual([N1, N2]);
    expect(await listUnpricedSymbols()).toEqual([]);

    const night3 = await startNightlyInProcess({ triggeredBy: "cron", now: evening(N3) });
    expect(night3.dates).toEqual([N1, N2, N3]);
    const phase1 = await getPool().query(`SELECT result FROM batch_phase_runs WHERE run_id = $1 AND calc_date = $2 AND phase_key = 'phase_1_market_data'`, [night3.runId, N3]);
    expect(phase1.rows[0].result.unpricedMarked).toEqual(["ZZZZ9"]);
    expect(await listUnpricedSymbols()).toEqual([{
      symbol: "ZZZZ9", failedDates: [N1, N2, N3], lastError: expect.stringMatching(/^not_found: unknown symbol ZZZZ9/), markedAt: expect.any(String), positions: 1,
    }]);
    expect((await getSymbolsToProcess(N3)).excluded).toContainEqual({ symbol: "ZZZZ9", rule: expect.stringMatching(/^unpriced: not_found/) });
  }, 120_000);

  it("the next nightly with nothing new plans 0 dates and completes; the holding shows no data; the ledger is clean", async () => {
    expect((await planNightly(evening(N3))).dates).toEqual([]);
    const quiet = await startNightlyInProcess({ triggeredBy: "cron", now: evening(N3) });
    expect(quiet).toMatchObject({ status: "completed", dates: [], phases: [] });
    const { rows } = await getPool().query(`SELECT status, calc_dates, total_items FROM batch_runs WHERE id = $1`, [quiet.runId]);
    expect(rows[0]).toEqual({ status: "completed", calc_dates: [], total_items: 0 });
    const detail = await getPortfolioDetail({ userId, email: "test@example.test", name: "Test", role: "user" }, portfolioId);
    expect(detail?.holdings.find((holding) => holding.symbol === "ZZZZ9")?.factorStatus).toBe("no data");
    expect(detail?.holdings.find((holding) => holding.symbol === "AAPL")?.factorStatus).toBe("ready");
    expect(await auditLedger()).toMatchObject({ clean: true });
  });

  it("an admin's retry clears the mark: the symbol is needed and attempted again", async () => {
    expect(await clearUnpricedMark("ZZZZ9")).toBe(true);
    expect(await clearUnpricedMark("ZZZZ9")).toBe(false);
    expect(await listUnpricedSymbols()).toEqual([]);
    expect((await getSymbolsToProcess(N3)).symbols).toContain("ZZZZ9");
    expect((await planNightly(evening(N3))).dates).toEqual([N1, N2, N3]);
  });
});
