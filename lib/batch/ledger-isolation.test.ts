/**
 * One portfolio's failure is its own, and overlapping runs never collide: a within-bounds extreme portfolio is
 * stored, one whose value no column can hold and one whose write the database refuses fail alone while the others of
 * their chunk complete (the run is partial and names them); a backfill, a rerun and a nightly over overlapping dates
 * run at once without a unique violation or a false partial; a run waits for the date another run holds, shows it,
 * and after the wait is refused with a sentence naming that run.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "../db/client";
import { releaseDateLock, tryAcquireDateLock } from "../db/batch-date-locks";
import { insertTestPortfolio, insertTestPosition, insertTestPrices, insertTestUser } from "../testing/portfolio-fixtures";
import { buildSymbolData, ledgerRows, PORTFOLIO_PHASES, refreshPortfolios } from "../testing/ledger-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { auditLedger } from "./ledger-audit";
import type { RunProgressEvent } from "./phase-steps";
import { executeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import type { WorkItem } from "./run-work";

const [D1, D2, D3] = ["2025-11-17", "2025-11-18", "2025-11-19"];
const ALL_PHASES = ["phase_0_valuations", "phase_1_market_data", "phase_2_fundamentals", "phase_3_factors", ...PORTFOLIO_PHASES] as WorkItem["phases"];

let userId: string;
const book = async (name: string, startingEquity: number, positions: Parameters<typeof insertTestPosition>[1][]) => {
  const id = await insertTestPortfolio({ userId, startingEquity, inceptionDate: D1, name });
  for (const position of positions) await insertTestPosition(id, position);
  return id;
};

useTestDatabase();
beforeAll(async () => {
  await buildSymbolData([D1, D2, D3], ["CRM", "AAPL"]);
  userId = await insertTestUser();
}, 120_000);

async function phaseErrors(runId: string, phase: string) {
  const { rows } = await getPool().query(`SELECT status, items_done, items_failed, errors FROM batch_phase_runs WHERE run_id = $1 AND phase_key = $2`, [runId, phase]);
  return rows[0];
}

describe("one portfolio's failure is its own", () => {
  it("stores the extreme within-bounds book, fails the unstorable and the refused one alone, completes the rest of the chunk", async () => {
    const normal = await book("normal", 100_000, [{ symbol: "AAPL", quantity: 100, entryPrice: 150, entryDate: D1 }]);
    // The bounds' corner: 1 of equity, 10^9 shares bought at 10^7 each.
    const extreme = await book("extreme", 1, [{ symbol: "CRM", quantity: 1e9, entryPrice: 1e7, entryDate: D1 }]);
    // Written behind the API's back (beyond its bounds): 9·10^11 calls on a 5·10^9 underlying cannot be stored.
    await insertTestPrices({ HUGEX: { [D1]: 5e9, [D2]: 5e9, [D3]: 5e9 } });
    const unstorable = await book("unstorable", 1_000, [{ symbol: "HUGEX", quantity: 9e11, entryPrice: 1, entryDate: D1, positionType: "LC", investmentClass: "OPTIONS" }]);
    const refused = await book("refused", 50_000, [{ symbol: "AAPL", quantity: 10, entryPrice: 150, entryDate: D1 }]);
    await getPool().query(
      `CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN
         IF NEW.portfolio_id = '${refused}' THEN RAISE EXCEPTION 'this portfolio''s rows are refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
       CREATE TRIGGER refuse_one BEFORE INSERT OR UPDATE ON portfolio_snapshots FOR EACH ROW EXECUTE FUNCTION refuse_one();`);
    try {
      const ids = [normal, extreme, unstorable, refused];
      const outcome = await refreshPortfolios(D1, ids);
      expect(outcome.status).toBe("partial");
      const phase4 = await phaseErrors(outcome.runId, "phase_4_pnl");
      expect(phase4).toMatchObject({ status: "partial", items_done: 2, items_failed: 2 });
      expect(phase4.errors.details).toEqual(expect.arrayContaining([
        { type: "value_out_of_range", portfolioId: unstorable, message: "value out of range: long_value" },
        { type: "write_failed", portfolioId: refused, message: expect.stringContaining("this portfolio's rows are refused") },
      ]));
      const snapshots = await getPool().query(`SELECT portfolio_id, equity_balance FROM portfolio_snapshots WHERE snapshot_date = $1 AND portfolio_id = ANY($2::uuid[])`, [D1, ids]);
      expect(new Map(snapshots.rows.map((row) => [row.portfolio_id, row.equity_balance]))).toEqual(new Map([[normal, 100_000], [extreme, 1]]));
      // The extreme book moves with CRM the next day; every figure of it fits its column.
      // The extreme book moves with CRM the next day: its snapshot stores every figure (its equity may turn negative,
      // which Phase 5 reports as zero equity for it alone).
      const next = await refreshPortfolios(D2, [extreme]);
      expect((await phaseErrors(next.runId, "phase_4_pnl")).status).toBe("completed");
      const { rows } = await getPool().query(`SELECT daily_pnl, daily_return, long_value FROM portfolio_snapshots WHERE portfolio_id = $1 AND snapshot_date = $2`, [extreme, D2]);
      expect(Math.abs(rows[0].daily_pnl)).toBeGreaterThan(1e6);
      expect(rows[0].long_value).toBeGreaterThan(1e10);
      // The exposures and stress of the stored books were written; the failed ones have none.
      const exposed = await getPool().query(`SELECT DISTINCT portfolio_id FROM portfolio_factor_coverage WHERE calculation_date = $1 AND portfolio_id = ANY($2::uuid[])`, [D1, ids]);
      expect(exposed.rows.map((row) => row.portfolio_id).sort()).toEqual([normal, extreme].sort());
    } finally {
      await getPool().query(`DROP TRIGGER refuse_one ON portfolio_snapshots; DROP FUNCTION refuse_one();`);
      await getPool().query(`UPDATE portfolios SET deleted_at = now() WHERE name IN ('unstorable', 'refused', 'extreme')`);
    }
  });
});

describe("one writer per date and phase", () => {
  it("a backfill, a rerun and a nightly over overlapping dates at once: no unique violation, no false partial, the sequential rows", async () => {
    const ids = [
      await book("overlap A", 250_000, [{ symbol: "AAPL", quantity: 300, entryPrice: 170, entryDate: D1 }, { symbol: "CRM", quantity: -200, entryPrice: 60, entryDate: D1 }]),
      await book("overlap B", 80_000, [{ symbol: "CRM", quantity: 500, entryPrice: 55, entryDate: D1 }]),
    ];
    // A fourth writer holds D2's portfolio phases first, so the three certainly meet on it and wait, then run at once.
    const holder = await createRun({ jobType: "onboarding", triggeredBy: "cli", params: { work: [{ date: D2, phases: PORTFOLIO_PHASES }] } });
    expect(await tryAcquireDateLock(holder, D2, "portfolio_refresh")).toBeNull();
    const waits: string[] = [];
    const onProgress = (event: RunProgressEvent) => { if (event.status.startsWith("waiting")) waits.push(event.status); };
    const backfill = await createRun({ jobType: "backfill", triggeredBy: "cli", params: { work: [D1, D2, D3].map((date) => ({ date, phases: ALL_PHASES, mode: "recompute" as const })) } });
    const rerun = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ date: D2, phases: PORTFOLIO_PHASES, mode: "recompute" }] } });
    const nightly = await createRun({ jobType: "nightly", triggeredBy: "cli", params: { work: [D2, D3].map((date) => ({ date, phases: ALL_PHASES, mode: "fill" as const })) } });
    const running = Promise.all([backfill, rerun, nightly].map((lease) => executeRun(lease, { onProgress })));
    await vi.waitFor(() => expect(waits).toContain(`waiting for run ${holder.runId}`), { timeout: 60_000, interval: 50 });
    await releaseDateLock(holder.runId, D2, "portfolio_refresh");
    const outcomes = await running;
    expect(outcomes.map((outcome) => [outcome.status, outcome.failureReason])).toEqual([["completed", undefined], ["completed", undefined], ["completed", undefined]]);
    expect((await executeRun(holder)).status).toBe("completed");
    const before = await Promise.all(ids.map(ledgerRows));
    expect(before[0].snapshots).toHaveLength(3);
    // A clean sequential recompute from inception gives the same rows.
    for (const date of [D1, D2, D3]) await refreshPortfolios(date, ids);
    expect(await Promise.all(ids.map(ledgerRows))).toEqual(before);
    expect(await auditLedger()).toMatchObject({ clean: true });
  });

  it("shows `waiting for run <id>` while another run holds the date, and after the wait refuses with a sentence naming it", async () => {
    const holder = await createRun({ jobType: "backfill", triggeredBy: "admin", params: { work: [{ date: D3, phases: PORTFOLIO_PHASES }] } });
    expect(await tryAcquireDateLock(holder, D3, "portfolio_refresh")).toBeNull();
    const waiting = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ date: D3, phases: PORTFOLIO_PHASES }] } });
    const seen: string[] = [];
    const outcome = await executeRun(waiting, {
      env: { ...process.env, DATE_LOCK_WAIT_SECONDS: "1" },
      onProgress: (event) => seen.push(event.status),
    });
    expect(seen[0]).toBe(`waiting for run ${holder.runId}`);
    expect(outcome).toMatchObject({ status: "failed", failureReason: `${D3} (portfolio_refresh) is being written by run ${holder.runId}, which still held it after 1 s; run this again once it finishes.` });
    const { rows } = await getPool().query(`SELECT status, failure_reason, error_summary FROM batch_runs WHERE id = $1`, [waiting.runId]);
    expect(rows[0]).toMatchObject({ status: "failed", error_summary: expect.objectContaining({ types: ["refused"] }) });
    // Once the holder is gone (finished, or its lease went stale) the date is free.
    await executeRun(holder);
    const again = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ date: D3, phases: PORTFOLIO_PHASES }] } });
    expect(await tryAcquireDateLock(again, D3, "portfolio_refresh")).toBeNull();
    expect((await executeRun(again)).status).toBe("completed");
  });
});
