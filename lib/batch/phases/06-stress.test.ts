import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../../db/client";
import { encodeFactorImpacts, expandFactorImpacts, readMarketBetaExposure } from "../../db/stress-factor-impacts";
import { insertPersonalScenario } from "../../db/stress-scenario-rows";
import { toCents } from "../../risk/stress-engine-cents";
import { useTestDatabase } from "../../testing/test-database";
import {
  dumpPortfolioRows,
  insertTestFactorEtfHistory,
  insertTestPortfolio,
  insertTestPosition,
  insertTestPrices,
  insertTestSymbolBetas,
  insertTestUser,
} from "../../testing/portfolio-fixtures";
import { createPhaseContext } from "../phase-types";
import { runPnlPhase } from "./04-pnl";
import { runFactorAggregationPhase } from "./05-factor-aggregation";
import { runStressPhase } from "./06-stress";

const ENTRY = "2026-01-14";
const D = "2026-01-15";

let mixed: string;
let longTlt: string;
let levered: string;
let privateOnly: string;
let ownerId: string;
let otherUserId: string;

interface ResultRow {
  portfolio_id: string;
  scenario_key: string;
  direct_pnl: number;
  correlated_pnl: number;
  correlation_effect: number;
  direct_cap_applied: boolean;
  correlated_cap_applied: boolean;
  factor_impacts: Record<string, { shock: number | null; move: number; exposureUsd: number; directPnl: number; correlatedPnl: number }>;
  calculation_metadata: Record<string, unknown>;
}

async function results(portfolioId?: string): Promise<ResultRow[]> {
  const { rows } = await getPool().query<Omit<ResultRow, "factor_impacts" | "calculation_metadata"> & { factor_impacts: string; calculation_metadata: string }>(
    `SELECT r.*, s.scenario_id AS scenario_key FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
      WHERE r.calculation_date = $1 AND ($2::uuid IS NULL OR r.portfolio_id = $2) ORDER BY r.portfolio_id, s.scenario_id`,
    [D, portfolioId ?? null],
  );
  // Both JSON columns are stored as text.
  return rows.map((row) => ({
    ...row,
    factor_impacts: expandFactorImpacts(JSON.parse(row.factor_impacts)) as ResultRow["factor_impacts"],
    calculation_metadata: JSON.parse(row.calculation_metadata) as Record<string, unknown>,
  }));
}

async function result(portfolioId: string, scenario: string): Promise<ResultRow> {
  const row = (await results(portfolioId)).find((r) => r.scenario_key === scenario);
  expect(row).toBeDefined();
  return row!;
}

useTestDatabase();
beforeAll(async () => {
  const userId = (ownerId = await insertTestUser());
  otherUserId = await insertTestUser();
  mixed = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: D, name: "mixed" });
  longTlt = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: D, name: "long TLT" });
  levered = await insertTestPortfolio({ userId, startingEquity: 10_000, inceptionDate: D, name: "levered" });
  privateOnly = await insertTestPortfolio({ userId, startingEquity: 50_000, inceptionDate: D, name: "private" });
  await insertTestFactorEtfHistory(D, 300);
  await insertTestPosition(mixed, { symbol: "AAA", quantity: 100, entryPrice: 50, entryDate: ENTRY });
  await insertTestPosition(mixed, { symbol: "BBB", quantity: -50, entryPrice: 40, entryDate: ENTRY });
  await insertTestPosition(longTlt, { symbol: "TLT", quantity: 500, entryPrice: 90, entryDate: ENTRY });
  await insertTestPosition(levered, { symbol: "XYZ", quantity: 1_000, entryPrice: 100, entryDate: ENTRY });
  await insertTestPosition(privateOnly, { symbol: "RENTAL_SFH", quantity: 1, entryPrice: 50_000, entryDate: ENTRY, investmentClass: "PRIVATE", marketValue: 50_000 });
  await insertTestPrices({ AAA: { [ENTRY]: 50, [D]: 52 }, BBB: { [ENTRY]: 40, [D]: 39 }, XYZ: { [ENTRY]: 100, [D]: 100 } });
  await insertTestSymbolBetas(D, {
    AAA: { "Market Beta (90D)": 1.2, Value: 0.5, "IR Beta": 0.3 },
    BBB: { "Market Beta (90D)": 0.8, Value: -0.2, "IR Beta": 0.1 },
    TLT: { "Market Beta (90D)": -0.2, "IR Beta": 1 },
    XYZ: { "Market Beta (90D)": 5, Value: 2, Growth: 2, Momentum: 1, Quality: 1, Size: 1, "Low Volatility": 1, "IR Beta": -1 },
  });
  await runPnlPhase(createPhaseContext(D));
  await runFactorAggregationPhase(createPhaseContext(D));
});

describe("runStressPhase", () => {
  it("stresses every portfolio with exposures against every active scenario and skips the rest with a reason", async () => {
    const summary = await runStressPhase(createPhaseContext(D));
    expect(summary).toMatchObject({ status: "completed", itemsTotal: 4, itemsDone: 3, itemsSkipped: 1, itemsFailed: 0 });
    expect(summary.result).toMatchObject({ skipReasons: { "no factor exposures": 1 }, covarianceComputed: true, dataDays: 252, tltDuration: 16.5 });
    const active = await getPool().query("SELECT count(*)::int AS n FROM stress_test_scenarios WHERE active");
    expect(summary.result.resultRows).toBe(3 * active.rows[0].n);
    expect(await results(privateOnly)).toEqual([]);
  });

  it("computes the direct P&L to the cent (a yield change Δy moves TLT by −16.5 × Δy)", async () => {
    // IR Beta $ = 5,200×0.3 − 1,950×0.1 = 1,365; market $ = 5,200×1.2 − 1,950×0.8 = 4,680.
    expect((await result(mixed, "rates_up_100bp")).direct_pnl).toBe(-225.23); // 1,365 × −0.165 = −225.225
    expect((await result(mixed, "market_down_10")).direct_pnl).toBe(-468);
    const row = await result(mixed, "rates_up_100bp");
    expect(row.factor_impacts["Interest Rate"]).toMatchObject({ shock: 0.01, move: -0.165, exposureUsd: 1_365, directPnl: -225.23 });
    expect(row.calculation_metadata).toEqual({
      scenarioName: "Rates Up 100bp", scenarioId: "rates_up_100bp", category: "rates", covarianceDate: D, dataDays: 252, tltDuration: 16.5,
      modelVersion: 2,
    });
  });

  it("puts the market into the correlated figure through the style exposures (Value $ 2,990 here)", async () => {
    const row = await result(mixed, "market_down_10");
    // Market (via styles): E_m = Σ style exposures = 5,200 × 0.5 − 1,950 × −0.2 = 2,990; × −10% = −299.
    expect(row.factor_impacts.Market).toMatchObject({ shock: -0.1, move: -0.1, exposureUsd: 2_990, directPnl: -468, correlatedPnl: -299 });
    // jsonb keeps keys in its own order; every factor of the model is there.
    expect(Object.keys(row.factor_impacts).sort()).toEqual(["Growth", "Interest Rate", "Low Volatility", "Market", "Momentum", "Quality", "Size", "Value"]);
  });

  it("loses money when rates rise for a long-TLT-beta book", async () => {
    const row = await result(longTlt, "rates_up_100bp");
    expect(row.direct_pnl).toBeLessThan(0);
    expect(row.correlated_pnl).toBeLessThan(0);
    expect((await result(longTlt, "rates_down_100bp")).direct_pnl).toBeGreaterThan(0);
  });

  it("caps losses at 99% of max(net exposure, equity) and scales the contributions", async () => {
    const row = await result(levered, "market_crash_35");
    // Market $ = 100,000 × 5 = 500,000; −35% → −175,000 < −0.99 × 100,000.
    expect(row).toMatchObject({ direct_pnl: -99_000, direct_cap_applied: true });
  });

  it("stores per-factor contributions that sum to direct and correlated P&L to the cent on every row", async () => {
    const rows = await results();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.direct_cap_applied || row.correlated_cap_applied)).toBe(true);
    for (const row of rows) {
      const impacts = Object.values(row.factor_impacts);
      expect(impacts).toHaveLength(8);
      expect(impacts.reduce((sum, i) => sum + toCents(i.directPnl), 0)).toBe(toCents(row.direct_pnl));
      expect(impacts.reduce((sum, i) => sum + toCents(i.correlatedPnl), 0)).toBe(toCents(row.correlated_pnl));
      expect(toCents(row.correlation_effect)).toBe(toCents(row.correlated_pnl) - toCents(row.direct_pnl));
    }
  });

  it("stores factor_impacts compactly and expands them (and the older full shape) to the full shape", async () => {
    const { rows } = await getPool().query<{ factor_impacts: string }>(
      `SELECT r.factor_impacts FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
        WHERE r.portfolio_id = $1 AND r.calculation_date = $2 AND s.scenario_id = 'rates_up_100bp'`,
      [mixed, D],
    );
    // Stored as the encoder's text, byte for byte.
    expect(typeof rows[0].factor_impacts).toBe("string");
    const stored = JSON.parse(rows[0].factor_impacts) as Record<string, Record<string, unknown>>;
    expect(encodeFactorImpacts(expandFactorImpacts(stored), 4_680)).toBe(rows[0].factor_impacts);
    expect(Object.keys(stored["Interest Rate"]).sort()).toEqual(["c", "d", "e", "r", "s"]);
    expect(stored["Market"]).toMatchObject({ e: 2_990, b: 4_680 });
    expect(readMarketBetaExposure(stored)).toBe(4_680);
    expect(stored["Value"]).not.toHaveProperty("s");
    expect(stored["Momentum"]).toEqual({ e: 0, d: 0, c: 0, r: expect.any(Number) });
    const full = expandFactorImpacts(stored);
    expect(full["Value"].shock).toBeNull();
    expect(expandFactorImpacts(JSON.parse(encodeFactorImpacts(full, 4_680)))).toEqual(full);
    expect(expandFactorImpacts(full)).toEqual(full);
    expect(expandFactorImpacts(null)).toEqual({});
    // A row of the first model (keyed by exposure names, full shape with factorReturn) still reads.
    const first = expandFactorImpacts({ "IR Beta": { shock: 0.01, factorReturn: -0.165, exposureUsd: 1, directPnl: -0.17, correlatedPnl: -0.17 } });
    expect(first["IR Beta"]).toEqual({ shock: 0.01, move: -0.165, exposureUsd: 1, directPnl: -0.17, correlatedPnl: -0.17 });
    expect(readMarketBetaExposure(first)).toBeNull();
  });

  it("writes summaries (worst, best, mean of correlated P&L)", async () => {
    const rows = await results(mixed);
    const { rows: summaries } = await getPool().query("SELECT * FROM stress_test_summaries WHERE portfolio_id = $1 AND calculation_date = $2", [mixed, D]);
    const correlated = rows.map((r) => r.correlated_pnl);
    expect(summaries[0]).toMatchObject({
      scenarios_tested: rows.length,
      worst_pnl: Math.min(...correlated),
      best_pnl: Math.max(...correlated),
    });
    expect(summaries[0].mean_pnl).toBeCloseTo(correlated.reduce((a, b) => a + b, 0) / rows.length, 2);
  });

  it("is idempotent and reuses the stored covariance of the date", async () => {
    const ids = [mixed, longTlt, levered, privateOnly];
    const strip = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), created_at: undefined }));
    const before = strip(await dumpPortfolioRows("stress_test_results", ids, "portfolio_id, scenario_id"));
    const summariesBefore = strip(await dumpPortfolioRows("stress_test_summaries", ids, "portfolio_id"));
    const summary = await runStressPhase(createPhaseContext(D, { portfolioIds: [mixed] }));
    expect(summary.result).toMatchObject({ covarianceComputed: false, covarianceStored: true });
    await runStressPhase(createPhaseContext(D));
    expect(strip(await dumpPortfolioRows("stress_test_results", ids, "portfolio_id, scenario_id"))).toEqual(before);
    expect(strip(await dumpPortfolioRows("stress_test_summaries", ids, "portfolio_id"))).toEqual(summariesBefore);
    const { rows } = await getPool().query("SELECT count(*)::int AS n FROM factor_covariances");
    expect(rows[0].n).toBe(1);
  });

  it("includes a historical replay once an admin activates it, and honours TLT_MODIFIED_DURATION", async () => {
    const countBefore = (await results(mixed)).length;
    await getPool().query("UPDATE stress_test_scenarios SET active = true WHERE scenario_id = 'covid_crash_2020'");
    await runStressPhase(createPhaseContext(D, { portfolioIds: [mixed], env: { ...process.env, TLT_MODIFIED_DURATION: "10" } }));
    expect(await results(mixed)).toHaveLength(countBefore + 1);
    const row = await result(mixed, "rates_up_100bp");
    expect(row.direct_pnl).toBe(-136.5); // 1,365 × −10 × 0.01
    expect(row.calculation_metadata.tltDuration).toBe(10);
  });

  it("runs a personal scenario for its owner's portfolios only", async () => {
    const mine = await insertPersonalScenario({ ownerId, name: "Mine", description: "d", shocks: { Value: -0.2, "Interest Rate": 0.005 } });
    const theirs = await insertPersonalScenario({ ownerId: otherUserId, name: "Theirs", description: "d", shocks: { Market: -0.5 } });
    await runStressPhase(createPhaseContext(D, { portfolioIds: [mixed] }));
    const keys = (await results(mixed)).map((row) => row.scenario_key);
    expect(keys).toContain(mine.scenarioId);
    expect(keys).not.toContain(theirs.scenarioId);
    const row = await result(mixed, mine.scenarioId);
    // Direct: Value 2,990 × −0.2 = −598; rates 1,365 × −16.5 × 0.005 = −112.6125 → −710.61 (half away from zero).
    expect(row.direct_pnl).toBe(-710.61);
    await getPool().query("DELETE FROM stress_test_scenarios WHERE id = ANY($1::uuid[])", [[mine.id, theirs.id]]);
  });

  it("replaces a stored covariance of the first model (named by ETF) and recomputes the date's results", async () => {
    await getPool().query(
      `UPDATE factor_covariances SET factors = '["SPY","VTV","VUG","MTUM","QUAL","IWM","USMV","TLT"]'::jsonb WHERE calculation_date = $1`, [D]);
    await getPool().query(`UPDATE stress_test_results SET calculation_metadata = (calculation_metadata::jsonb - 'modelVersion')::text WHERE portfolio_id = $1`, [mixed]);
    const summary = await runStressPhase(createPhaseContext(D, { portfolioIds: [mixed] }));
    expect((await results(mixed)).every((row) => row.calculation_metadata.modelVersion === 2)).toBe(true);
    expect(summary.result).toMatchObject({ covarianceComputed: true, covarianceStored: true });
    const { rows } = await getPool().query("SELECT factors FROM factor_covariances WHERE calculation_date = $1", [D]);
    expect(rows[0].factors).toEqual(["Market", "Value", "Growth", "Momentum", "Quality", "Size", "Low Volatility", "Interest Rate"]);
  });
});
