/**
 * Issue 8, fault injection: provider timeouts, 429 then success, 500s, malformed bars, a split mid-history and a
 * database connection dropped mid-phase. Every case ends completed or with a recorded reason, with no duplicate or
 * lost row and no bad number stored. Providers are injected (the phases' `provider` option, or the provider factory
 * the runner's phases call, mocked below); the connection drop terminates backends from a second client.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "../db/client";
import { neverUnlessAborted, createReplayFetch, type ReplayAnswer } from "../testing/replay-yahoo-fetch";
import type { DailyBar, FetchOptions, MarketDataProvider, ValuationResult } from "../market-data/types";
import { YahooProvider } from "../market-data/yahoo-provider";
import { addCalendarDays, tradingDaysBetween } from "../base/calendar";
import { useTestDatabase } from "../testing/test-database";
import { expectSaneRows, fingerprint, listRunSteps, openPool, seedPortfolios, seedSyntheticUniverse, waitFor } from "../testing/batch-proof";
import { createPhaseContext, summarizePhase } from "./phase-types";
import { runValuationsPhase } from "./phases/00-valuations";
import { runMarketDataPhase } from "./phases/01-market-data";
import { FakeProvider, makeBars } from "../testing/fake-market-data-provider";
import { updatePhaseProgress } from "../db/batch-phase-runs";
import { markStepDone, markStepRunning } from "../db/batch-steps";
import { planPhase, recordPhase } from "./phase-steps";
import { finishRunFromPhases } from "./run-finish";
import { executeRun, resumeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import type { WorkItem } from "./run-work";

/** The provider the runner's phases get (null = the real default, the simulated market). */
const injected = vi.hoisted(() => ({ provider: null as MarketDataProvider | null }));
vi.mock("@/lib/market-data/get-provider", async (importOriginal) => {
  const original = await importOriginal<typeof import("../market-data/get-provider")>();
  return { ...original, getMarketDataProvider: (env?: NodeJS.ProcessEnv) => injected.provider ?? original.getMarketDataProvider(env) };
});

let pool: pg.Pool;

const database = useTestDatabase();
beforeAll(async () => {
  pool = openPool(database.url);
});
afterAll(async () => {
  await pool?.end();
});

async function runWork(work: WorkItem) {
  return executeRun(await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] } }));
}

async function phaseRow(runId: string, phase: string) {
  const { rows } = await getPool().query(
    `SELECT status, items_total, items_done, items_failed, errors, result FROM batch_phase_runs WHERE run_id = $1 AND phase_key = $2`, [runId, phase]);
  return rows[0];
}

async function storedRows(symbol: string): Promise<{ date: string; close: number; adj_close: number }[]> {
  const { rows } = await getPool().query(`SELECT date, close, adj_close FROM market_data WHERE symbol = $1 ORDER BY date`, [symbol]);
  return rows;
}

describe("provider faults", () => {
  it("Yahoo answers 429 then success, a persistent 500 and a hanging request: one stored, two failed and recorded", async () => {
    const calcDate = "2022-01-31";
    const calls: Record<string, number> = {};
    const route = (url: URL, init: RequestInit | undefined): ReplayAnswer | undefined => {
      const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
      if (!match) return undefined;
      const symbol = decodeURIComponent(match[1]);
      calls[symbol] = (calls[symbol] ?? 0) + 1;
      if (symbol === "MSFT") {
        return calls[symbol] === 1 ? new Response("Too Many Requests", { status: 429 }) : "historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json";
      }
      if (symbol === "NVDA") return new Response("<html>oops</html>", { status: 500 });
      if (symbol === "TSLA") return neverUnlessAborted(init);
      return undefined;
    };
    const provider = new YahooProvider({
      fetch: createReplayFetch(route).fetch, minIntervalMs: 0, retryBaseDelayMs: 1, retryMaxDelayMs: 5, requestTimeoutMs: 100,
    });
    const summary = await runMarketDataPhase(createPhaseContext(calcDate, { symbols: ["MSFT", "NVDA", "TSLA"] }), { provider });
    expect(summary.status).toBe("partial");
    expect(summary).toMatchObject({ itemsTotal: 3, itemsDone: 1, itemsFailed: 2 });
    expect([...summary.errors].sort((a, b) => a.symbol!.localeCompare(b.symbol!))).toEqual([
      expect.objectContaining({ symbol: "NVDA", type: "provider_error", message: expect.stringContaining("HTTP 500") }),
      expect.objectContaining({ symbol: "TSLA", type: "timed_out" }),
    ]);
    expect(calls.MSFT).toBe(2);
    const window = tradingDaysBetween(addCalendarDays(calcDate, -365), calcDate).filter((date) => date >= "2021-02-01" && date <= "2022-01-28"); // the recording's span
    expect((await storedRows("MSFT")).map((row) => row.date)).toEqual(window);
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM market_data WHERE symbol IN ('NVDA', 'TSLA')`);
    expect(rows[0].n).toBe(0);
    await expectSaneRows(pool);
  });

  it("a valuation batch that never answers times out; the other batch is stored", async () => {
    const hanging: MarketDataProvider = {
      name: "simulated",
      fetchDailyBars: async (symbol) => ({ ok: false, symbol, error: { kind: "not_found", message: "unused", attempts: 1 } }),
      fetchValuations: async (symbols: string[], options?: FetchOptions) => {
        if (symbols.includes("HANG")) return neverUnlessAborted({ signal: options?.signal }) as never;
        return new Map<string, ValuationResult>(symbols.map((symbol) => [symbol, {
          ok: true, valuation: { trailingPE: 20, forwardPE: 18, beta: 1.1, fiftyTwoWeekHigh: 120, fiftyTwoWeekLow: 80, marketCap: 1e9, dividendYield: 0.01 },
        }]));
      },
    };
    const summary = await runValuationsPhase(createPhaseContext("2025-11-26", { symbols: ["HANG", "GOOD"] }), { provider: hanging, batchSize: 1, batchTimeoutMs: 50 });
    expect(summary).toMatchObject({ status: "partial", itemsDone: 1, itemsFailed: 1, result: expect.objectContaining({ timedOutBatches: 1 }) });
    expect(summary.errors).toEqual([expect.objectContaining({ type: "timeout", message: expect.stringContaining("timed out after 50 ms") })]);
    const { rows } = await getPool().query(`SELECT symbol, beta FROM company_profiles WHERE symbol IN ('HANG', 'GOOD')`);
    expect(rows).toEqual([{ symbol: "GOOD", beta: 1.1 }]);
  });

  it("malformed bars (NaN, zero, negative, high < low) are rejected, counted in the phase record and never stored", async () => {
    const calcDate = "2025-11-26";
    const window = tradingDaysBetween(addCalendarDays(calcDate, -365), calcDate);
    const good = makeBars(window[0], calcDate, 50);
    const bad = makeBars(window[0], calcDate, 80);
    const poisoned = [10, 20, 30, 40, 50, 60];
    bad[10] = { ...bad[10], close: Number.NaN };
    bad[20] = { ...bad[20], close: 0 };
    bad[30] = { ...bad[30], close: -3 };
    bad[40] = { ...bad[40], high: 70, low: 90 };
    bad[50] = { ...bad[50], adjClose: Number.POSITIVE_INFINITY };
    bad[60] = { ...bad[60], open: -1 };
    const allBad = makeBars(window[0], calcDate, 10).map((bar) => ({ ...bar, close: 0 }));
    injected.provider = new FakeProvider({ GOODX: { bars: good }, BADX: { bars: bad }, ALLBADX: { bars: allBad } });
    try {
      const outcome = await runWork({ date: calcDate, phases: ["phase_1_market_data"], symbols: ["ALLBADX", "BADX", "GOODX"] });
      expect(outcome.status).toBe("partial");
      const row = await phaseRow(outcome.runId, "phase_1_market_data");
      expect(row).toMatchObject({ status: "partial", items_total: 3, items_done: 2, items_failed: 1 });
      expect(row.result.rowsRejected).toBe(poisoned.length + window.length);
      expect(row.errors).toEqual({ count: 1, types: ["no_data"], details: [expect.objectContaining({ symbol: "ALLBADX", type: "no_data" })] });
      expect((await storedRows("GOODX")).length).toBe(window.length);
      const stored = await storedRows("BADX");
      expect(stored.length).toBe(window.length - poisoned.length);
      for (const index of poisoned) expect(stored.map((r) => r.date)).not.toContain(bad[index].date);
      expect(await storedRows("ALLBADX")).toEqual([]);
      const run = (await getPool().query(`SELECT status, error_summary FROM batch_runs WHERE id = $1`, [outcome.runId])).rows[0];
      expect(run).toEqual({ status: "partial", error_summary: row.errors });
      await expectSaneRows(pool);
    } finally {
      injected.provider = null;
    }
  });

  it("a split mid-history replaces the stored history and keeps adj_close continuous", async () => {
    const before = "2025-11-14";
    const splitDate = "2025-11-19";
    const after = "2025-11-26";
    const original = makeBars("2024-11-01", after, 400);
    const provider = new FakeProvider({ SPLITX: { bars: original.filter((bar) => bar.date <= before) } });
    injected.provider = provider;
    try {
      expect((await runWork({ date: before, phases: ["phase_1_market_data"], symbols: ["SPLITX"] })).status).toBe("completed");
      // Yahoo-style after a 4:1 split: every earlier price is divided by 4 (raw close and adjusted close alike).
      const adjusted = (bar: DailyBar): DailyBar => ({ ...bar, close: bar.close / 4, open: bar.open! / 4, high: bar.high! / 4, low: bar.low! / 4, adjClose: bar.adjClose! / 4 });
      provider.series.SPLITX = { bars: original.map(adjusted), events: [{ date: splitDate, kind: "split", ratio: 4 }] };
      const outcome = await runWork({ date: after, phases: ["phase_1_market_data"], symbols: ["SPLITX"] });
      expect(outcome.status).toBe("completed");
      expect((await phaseRow(outcome.runId, "phase_1_market_data")).result).toMatchObject({ refetchedSymbols: ["SPLITX"], corporateActions: 1 });
      const stored = await storedRows("SPLITX");
      const window = tradingDaysBetween(addCalendarDays(before, -365), after);
      expect(stored.map((row) => row.date)).toEqual(window);
      // History replaced: no pre-split row keeps its unadjusted price.
      const expected = new Map(original.map((bar) => [bar.date, Math.round((bar.close / 4) * 10_000) / 10_000]));
      for (const row of stored) expect(row.close, row.date).toBeCloseTo(expected.get(row.date)!, 4);
      for (let i = 1; i < stored.length; i++) expect(Math.abs(stored[i].adj_close / stored[i - 1].adj_close - 1), stored[i].date).toBeLessThan(0.01);
      const actions = (await getPool().query(`SELECT symbol, date, kind, ratio FROM corporate_actions WHERE symbol = 'SPLITX'`)).rows;
      expect(actions).toEqual([{ symbol: "SPLITX", date: splitDate, kind: "split", ratio: 4 }]);
      await expectSaneRows(pool);
    } finally {
      injected.provider = null;
    }
  });
});

describe("database connection dropped mid-phase", () => {
  const D = "2025-11-26";

  it("Phase 3: the chunk whose query was cut off is recorded failed with the reason; a rerun completes with exactly the clean rows", async () => {
    await getPool().query(`TRUNCATE symbol_universe, market_data, corporate_actions, symbol_factor_exposures CASCADE`);
    // 5 chunks of 500, two in flight: after chunk 0 completes, three more rounds of chunks leave time to cut one off.
    await seedSyntheticUniverse(pool, 2_500);
    expect((await runWork({ date: D, phases: ["phase_1_market_data"] })).status).toBe("completed");

    // Dropping every connection between runs (idle clients of the pool) is harmless: the pool reconnects.
    const dropped = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    expect(dropped.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the idle clients see their connection close
    const clean = await runWork({ date: D, phases: ["phase_3_factors"] });
    expect(clean.status).toBe("completed");
    const reference = await fingerprint(pool);
    await getPool().query(`DELETE FROM symbol_factor_exposures WHERE calculation_date = $1`, [D]);

    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ date: D, phases: ["phase_3_factors"] }] } });
    const { runId } = lease;
    const running = executeRun(lease);
    // From a second client: once chunk 0 is done, terminate the backend running a later chunk's data query.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let terminated = 0;
    try {
      await waitFor("a Phase 3 data query to cut off", async () => {
        const steps = await listRunSteps(pool, runId);
        if (steps.length > 0 && steps.every((step) => step.status === "completed")) throw new Error("Phase 3 finished before a query could be cut off");
        if (steps.find((step) => step.key.endsWith("/0"))?.status !== "completed") return false;
        const { rowCount } = await admin.query(
          // One backend only: two chunks run side by side, and the test cuts off exactly one.
          `SELECT pg_terminate_backend(pid) FROM (SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
              AND (query ILIKE '%market_data%' OR query ILIKE '%symbol_factor_exposures%' OR query ILIKE '%company_profiles%')
              AND query NOT ILIKE '%batch_%' LIMIT 1) AS one`);
        terminated += rowCount ?? 0;
        return terminated > 0;
      }, 60_000, 2);
    } finally {
      await admin.end();
    }
    const outcome = await running;
    expect(outcome.status).toBe("partial");
    const steps = await listRunSteps(pool, runId);
    const failed = steps.filter((step) => step.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].key).not.toMatch(/\/0$/);
    const stepError = (await getPool().query(`SELECT error FROM batch_steps WHERE run_id = $1 AND status = 'failed'`, [runId])).rows[0].error;
    expect(stepError).toMatch(/terminat/i);
    const row = await phaseRow(runId, "phase_3_factors");
    expect(row.status).toBe("partial");
    expect(row.errors).toMatchObject({ types: ["exception"], details: [expect.objectContaining({ message: expect.stringMatching(/terminat/i) })] });
    const run = (await getPool().query(`SELECT status, error_summary FROM batch_runs WHERE id = $1`, [runId])).rows[0];
    expect(run.status).toBe("partial");
    expect(run.error_summary.types).toEqual(["exception"]);

    // The rerun computes only what is missing and ends with exactly the rows of the clean run.
    const rerun = await runWork({ date: D, phases: ["phase_3_factors"] });
    expect(rerun.status).toBe("completed");
    const skipped = (await phaseRow(rerun.runId, "phase_3_factors")).result.symbolsSkippedComplete;
    expect(skipped).toBeGreaterThan(0);
    expect(await fingerprint(pool)).toEqual(reference);
    await expectSaneRows(pool);
  }, 120_000);
  it("Phase 4: every connection dropped mid-chunk → recorded with a reason; resume or rerun ends with exactly the clean rows", async () => {
    await seedPortfolios(pool, 2_100, D, 3); // 3 Phase-4 chunks of ≤ 1,000
    expect((await runWork({ date: D, phases: ["phase_1_market_data", "phase_3_factors"] })).status).toBe("completed");
    const refresh: WorkItem = { date: D, phases: ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"] };
    expect((await runWork(refresh)).status).toBe("completed");
    const reference = await fingerprint(pool);
    expect(reference.portfolio_snapshots).toEqual([expect.objectContaining({ d: D, n: 2_100, complete: 2_100 })]);
    for (const table of ["stress_test_results", "stress_test_summaries", "factor_exposures", "portfolio_factor_coverage"]) {
      await getPool().query(`DELETE FROM ${table} WHERE calculation_date = $1`, [D]);
    }
    await getPool().query(`DELETE FROM portfolio_snapshots WHERE snapshot_date = $1`, [D]);

    // Hold the last chunk's first portfolio row from another session, so Phase 4 is certainly mid-phase (chunk 0
    // written, a later chunk waiting for its row lock) when every connection is dropped: no race with a fast phase.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("BEGIN");
    await admin.query(`SELECT id FROM portfolios ORDER BY id DESC LIMIT 1 FOR UPDATE`);
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [refresh] } });
    const { runId } = lease;
    const running = executeRun(lease);
    try {
      await waitFor("Phase 4 to wait mid-phase for the held row", async () => {
        const steps = (await listRunSteps(pool, runId)).filter((step) => step.key.includes("phase_4_pnl"));
        if (steps.find((step) => step.key.endsWith("/0"))?.status !== "completed") return false;
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return rows[0].n > 0;
      }, 60_000, 5);
      // Every other connection of the database: the phase's queries and the runner's own bookkeeping alike.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    } catch (error) {
      await admin.end();
      await running.catch(() => undefined); // leave no run behind for the next test
      throw error;
    }
    await admin.end(); // releases the held row
    const outcome = await running;
    const run = (await getPool().query(`SELECT status, failure_reason, error_summary FROM batch_runs WHERE id = $1`, [runId])).rows[0];
    if (outcome.status === "completed") {
      // The waiting chunk's transaction was cut off and retried portfolio by portfolio (runIsolatedChunk) once the
      // held row was released; the runner's own writes found their connections again.
      expect(run.status).toBe("completed");
    } else {
      // Recorded with a reason: a failed step (phase partial) or, when the runner's own write was cut off, a failed run.
      expect(["partial", "failed"]).toContain(run.status);
      // PostgreSQL's own sentence, or the socket's when the kill lands mid-COPY (read ECONNRESET, write EPIPE).
      expect(JSON.stringify(run.error_summary) + String(run.failure_reason)).toMatch(/terminat|connection|did not finish|ECONNRESET|EPIPE/i);
      const recovered = run.status === "failed" ? await resumeRun(runId) : await runWork(refresh);
      expect(recovered.status).toBe("completed");
    }
    const steps = await listRunSteps(pool, runId);
    expect(steps.find((step) => step.key === `${D}/phase_4_pnl/0`)?.attempt).toBe(1);
    expect(await fingerprint(pool)).toEqual(reference);
    await expectSaneRows(pool);
  }, 120_000);
  it("a chunk whose outcome could not be written is never recorded complete; a late progress write cannot undo the record", async () => {
    const symbols = Array.from({ length: 501 }, (_, i) => `Z${String(i).padStart(4, "0")}`); // two chunks
    const work: WorkItem = { date: D, phases: ["phase_1_market_data"], symbols };
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] }, engine: "inngest" });
    const { runId } = lease;
    const plan = await planPhase(lease, work, "phase_1_market_data");
    expect(plan.stepKeys).toHaveLength(2);
    await markStepRunning(lease, plan.stepKeys[0]);
    await markStepDone(lease, plan.stepKeys[0], "completed", { summary: summarizePhase({ itemsTotal: 500, itemsDone: 500, itemsFailed: 0 }) });
    await markStepRunning(lease, plan.stepKeys[1]); // the process lost its connection before it could record this chunk
    expect(await recordPhase(lease, work, "phase_1_market_data")).toMatchObject({ status: "partial", itemsDone: 500 });
    await updatePhaseProgress(lease, D, "phase_1_market_data", 501, 501); // a fire-and-forget progress write arriving late
    const row = await phaseRow(runId, "phase_1_market_data");
    expect(row).toMatchObject({ status: "partial", items_done: 500 });
    expect(row.errors.details).toEqual([{ type: "exception", message: `${plan.stepKeys[1]} did not finish (step running)` }]);
    expect(await finishRunFromPhases(lease)).toEqual({ status: "partial" });
  });
});
