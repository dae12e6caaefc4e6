import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSyntheticMarket, insertSyntheticMarket } from "../testing/synthetic-market";
import { createPhaseContext } from "../batch/phase-types";
import { runFactorsPhase } from "../batch/phases/03-factors";
import { useTestDatabaseClient } from "../testing/test-database";
import { getSymbolCache, SymbolCache } from "./symbol-cache";

const CALC_DATE = "2026-01-30";
const OTHER_DATE = "2026-01-29";

/** What the pipeline writes when a Phase 3 step of `date` completes (any process). */
async function recordPhase3Completion(client: pg.Client, date: string, completedAt: string): Promise<void> {
  const runId = randomUUID();
  await client.query(`INSERT INTO batch_runs (id, job_type, status, triggered_by) VALUES ($1, 'symbol_batch', 'completed', 'cli')`, [runId]);
  await client.query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, completed_at) VALUES ($1, $2, $3, 'phase_3_factors', 'completed', $4)`,
    [randomUUID(), runId, date, completedAt],
  );
}

describe("SymbolCache", () => {
  const client = useTestDatabaseClient();
  beforeAll(async () => {
    await insertSyntheticMarket(buildSyntheticMarket(CALC_DATE, 250, [{ symbol: "AAA", marketBeta: 1.2 }]));
  });

  it("is never ready before warming starts, and ready once ensureWarm resolves", async () => {
    const cache = new SymbolCache();
    expect(cache.isReady(Date.now() + 3_600_000)).toBe(false);
    await cache.ensureWarm();
    expect(cache.isReady()).toBe(true);
    expect(cache.stats()).toMatchObject({ initialized: true, initError: null, factorDates: [] });
  });

  it("records a warming failure and becomes ready (DB fallback) only after the 30 s grace", async () => {
    const broken = { query: () => Promise.reject(new Error("connection refused")) } as unknown as pg.Pool;
    const cache = new SymbolCache(() => broken);
    await cache.ensureWarm();
    expect(cache.stats()).toMatchObject({ initialized: false, initError: "connection refused" });
    expect(cache.isReady()).toBe(false);
    expect(cache.isReady(Date.now() + 30_001)).toBe(true);
  });

  it("loads factors per date on demand: a miss reads the DB, the next lookup is a hit", async () => {
    const cache = new SymbolCache();
    expect((await cache.getFactors(["AAA"], CALC_DATE)).get("AAA")).toEqual({});
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1, dbFallbacks: 1, factorDates: [CALC_DATE] });
    await cache.getFactors(["AAA"], CALC_DATE);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, dbFallbacks: 1 });
    await cache.getFactors(["AAA"], OTHER_DATE);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, factorDates: [OTHER_DATE, CALC_DATE] });
  });

  it("after a Phase 3 run, refreshFactors makes the new rows visible; another process sees them after the completion is recorded", async () => {
    const local = getSymbolCache(); // the instance Phase 3 refreshes
    local.clear();
    const remote = new SymbolCache(); // stands for another process's cache
    expect((await local.getFactors(["AAA"], CALC_DATE)).get("AAA")).toEqual({});
    expect((await remote.getFactors(["AAA"], CALC_DATE)).get("AAA")).toEqual({});

    const summary = await runFactorsPhase(createPhaseContext(CALC_DATE, { symbols: ["AAA"] }));
    expect(summary.result.rowsWritten).toBe(12);

    const localFactors = (await local.getFactors(["AAA"], CALC_DATE)).get("AAA")!;
    expect(Object.keys(localFactors)).toHaveLength(12);
    expect(localFactors["Market Beta (90D)"]).toBeCloseTo(1.2, 0);
    expect(local.stats()).toMatchObject({ hits: 1, misses: 1 });

    // No completion recorded yet: the other process still serves its entry (a hit).
    expect((await remote.getFactors(["AAA"], CALC_DATE)).get("AAA")).toEqual({});
    expect(remote.stats()).toMatchObject({ hits: 1, misses: 1 });

    await recordPhase3Completion(client, CALC_DATE, new Date().toISOString());
    expect((await remote.getFactors(["AAA"], CALC_DATE)).get("AAA")).toEqual(localFactors);
    expect(remote.stats()).toMatchObject({ hits: 1, misses: 2 });
    await remote.getFactors(["AAA"], CALC_DATE);
    expect(remote.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it("refreshes only a chunk's symbols in a cached date, and leaves an uncached date to its next lookup", async () => {
    const cache = new SymbolCache();
    await cache.refreshFactors(OTHER_DATE, ["AAA"]);
    expect(cache.stats()).toMatchObject({ factorDates: [], dbFallbacks: 0 });
    await client.query(`INSERT INTO symbol_universe (symbol) VALUES ('ZZZ') ON CONFLICT DO NOTHING`);
    const market = (await client.query(`SELECT id FROM factor_definitions WHERE name = 'Market Beta (90D)'`)).rows[0].id;
    const insert = (symbol: string, beta: number) => client.query(
      `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
       VALUES ($1, $2, $3, $4, 90, 'ols_market') ON CONFLICT (symbol, factor_id, calculation_date) DO UPDATE SET beta_value = EXCLUDED.beta_value`,
      [symbol, market, OTHER_DATE, beta]);
    await insert("AAA", 1);
    await insert("ZZZ", 2);
    expect(Object.fromEntries(await cache.getFactors(["AAA", "ZZZ"], OTHER_DATE))).toEqual({ AAA: { "Market Beta (90D)": 1 }, ZZZ: { "Market Beta (90D)": 2 } });
    await insert("AAA", 3);
    await insert("ZZZ", 4);
    await cache.refreshFactors(OTHER_DATE, ["AAA"]);
    expect(Object.fromEntries(await cache.getFactors(["AAA", "ZZZ"], OTHER_DATE))).toEqual({ AAA: { "Market Beta (90D)": 3 }, ZZZ: { "Market Beta (90D)": 2 } });
  });

  it("treats a completion in the same millisecond but a later microsecond as a new version", async () => {
    const cache = new SymbolCache();
    await recordPhase3Completion(client, OTHER_DATE, "2026-01-29 21:30:00.123001+00");
    await cache.getFactors(["AAA"], OTHER_DATE);
    await recordPhase3Completion(client, OTHER_DATE, "2026-01-29 21:30:00.123002+00");
    await cache.getFactors(["AAA"], OTHER_DATE);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 2 });
  });

  it("warms with the latest computed date", async () => {
    const cache = new SymbolCache();
    await cache.ensureWarm();
    expect(cache.stats()).toMatchObject({ initialized: true, factorDates: [CALC_DATE], factorEntries: 1 });
    await cache.getFactors(["AAA"], CALC_DATE);
    expect(cache.stats().hits).toBe(1);
  });
});
