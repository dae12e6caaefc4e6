import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "../testing/test-database";
import { withTransaction } from "./client";
import {
  countExposureRowsByMethod,
  getFactorIdsByName,
  getProviderBetas,
  isExposureSetComplete,
  registerUniverseSymbols,
  type SymbolFactorExposureRow,
} from "./symbol-factor-exposures";
import { copySymbolFactorExposures, EXPOSURE_WRITE_CHUNK, upsertSymbolFactorExposures } from "./write-symbol-factor-exposures";

const DATE = "2026-01-30";

function makeRow(symbol: string, factorId: number, overrides: Partial<SymbolFactorExposureRow> = {}): SymbolFactorExposureRow {
  return {
    symbol, factorId, calculationDate: DATE, betaValue: 1.234567, rSquared: 0.5, observations: 90,
    windowStart: "2025-09-19", windowEnd: DATE, standardError: 0.1, tStat: 12.3, pValue: 0.001, isCapped: false,
    qualityFlag: "full_history", calculationMethod: "ols_market", regularizationAlpha: null, regressionWindowDays: 90,
    ...overrides,
  };
}

describe("symbol-factor-exposures", () => {
  const client = useTestDatabaseClient();
  let ids: Map<string, number>;
  beforeAll(async () => {
    ids = await getFactorIdsByName();
  });

  it("looks the 13 factor ids up by name", () => {
    expect(ids.size).toBe(13);
    expect(ids.has("Provider Beta (1Y)")).toBe(true);
  });

  it("registers missing symbols, moves first/last seen outward only and rewrites nothing otherwise", async () => {
    expect(await registerUniverseSymbols([{ symbol: "AAA", assetType: "equity" }, { symbol: "SPY", assetType: "etf" }], DATE)).toBe(2);
    expect(await registerUniverseSymbols([{ symbol: "AAA", assetType: "equity" }], "2026-02-02")).toBe(1);
    expect(await registerUniverseSymbols([{ symbol: "AAA", assetType: "equity" }], "2026-01-02")).toBe(1);
    // Seen over these dates already: no row is rewritten.
    expect(await registerUniverseSymbols([{ symbol: "AAA", assetType: "equity" }, { symbol: "SPY", assetType: "etf" }], DATE)).toBe(0);
    const rows = (await client.query(
      `SELECT symbol, asset_type, is_active, first_seen_date::text AS first, last_seen_date::text AS last FROM symbol_universe ORDER BY symbol`,
    )).rows;
    expect(rows).toEqual([
      { symbol: "AAA", asset_type: "equity", is_active: true, first: "2026-01-02", last: "2026-02-02" },
      { symbol: "SPY", asset_type: "etf", is_active: true, first: DATE, last: DATE },
    ]);
  });

  it("stores zeros as 0, not NULL (R23), and a rerun updates in place", async () => {
    const market = ids.get("Market Beta (90D)")!;
    const row = makeRow("AAA", market, { betaValue: 0, rSquared: 0, standardError: 0, tStat: 0, pValue: 0, regularizationAlpha: 0 });
    expect(await upsertSymbolFactorExposures([row])).toBe(1);
    expect(await upsertSymbolFactorExposures([{ ...row, observations: 88 }])).toBe(1);
    const stored = (await client.query(
      `SELECT beta_value::float8 AS beta, r_squared, standard_error, t_stat, p_value, regularization_alpha::float8 AS alpha, observations
         FROM symbol_factor_exposures WHERE symbol = 'AAA'`,
    )).rows;
    expect(stored).toEqual([{ beta: 0, r_squared: 0, standard_error: 0, t_stat: 0, p_value: 0, alpha: 0, observations: 88 }]);
  });

  it("turns non-finite statistics into NULL and refuses a non-finite beta", async () => {
    const ir = ids.get("IR Beta")!;
    await upsertSymbolFactorExposures([makeRow("AAA", ir, { calculationMethod: "ols_ir", rSquared: NaN, tStat: Infinity })]);
    const stored = (await client.query(`SELECT r_squared, t_stat FROM symbol_factor_exposures WHERE symbol = 'AAA' AND factor_id = $1`, [ir])).rows[0];
    expect(stored).toEqual({ r_squared: null, t_stat: null });
    await expect(upsertSymbolFactorExposures([makeRow("AAA", ir, { betaValue: NaN })])).rejects.toThrow(
      "upsertSymbolFactorExposures requires finite betas, got NaN for AAA",
    );
  });

  it("writes more than one chunk of rows, merged and COPYed", async () => {
    const symbols = Array.from({ length: Math.ceil((EXPOSURE_WRITE_CHUNK + 10) / 2) }, (_, i) => `S${i}`);
    await registerUniverseSymbols(symbols.map((symbol) => ({ symbol, assetType: "equity" })), DATE);
    const rows = symbols.flatMap((symbol) => [
      makeRow(symbol, ids.get("Market Beta (90D)")!),
      makeRow(symbol, ids.get("IR Beta")!, { calculationMethod: "ols_ir" }),
    ]);
    expect(await upsertSymbolFactorExposures(rows)).toBe(rows.length);
    const { n } = (await client.query(`SELECT count(*)::int AS n FROM symbol_factor_exposures WHERE symbol LIKE 'S%'`)).rows[0];
    expect(n).toBe(rows.length);
    // The same rows again by COPY, on another date: the payload streams in more than one piece.
    const later = rows.map((row) => ({ ...row, calculationDate: "2026-02-02" }));
    expect(await withTransaction((tx) => copySymbolFactorExposures(later, tx))).toBe(later.length);
    const copied = (await client.query(`SELECT count(*)::int AS n FROM symbol_factor_exposures WHERE calculation_date = '2026-02-02'`)).rows[0];
    expect(copied.n).toBe(later.length);
  });

  it("counts rows per method and judges completeness with the R19 expectations", async () => {
    const ridge = ["Value", "Growth", "Momentum", "Quality", "Size", "Low Volatility"];
    const spread = ["Growth-Value Spread", "Momentum Spread", "Size Spread", "Quality Spread"];
    await upsertSymbolFactorExposures([
      ...ridge.map((name) => makeRow("AAA", ids.get(name)!, { calculationMethod: "ridge_regression", regularizationAlpha: 1 })),
      ...spread.slice(0, 3).map((name) => makeRow("AAA", ids.get(name)!, { calculationMethod: "spread_regression" })),
    ]);
    const counts = await countExposureRowsByMethod(DATE, ["AAA", "NOPE"]);
    expect(counts.get("AAA")).toEqual({ ridge_regression: 6, spread_regression: 3, ols_market: 1, ols_ir: 1 });
    expect(counts.has("NOPE")).toBe(false);
    expect(isExposureSetComplete(counts.get("AAA"), false)).toBe(false);
    await upsertSymbolFactorExposures([makeRow("AAA", ids.get(spread[3])!, { calculationMethod: "spread_regression" })]);
    const complete = (await countExposureRowsByMethod(DATE, ["AAA"])).get("AAA");
    expect(isExposureSetComplete(complete, false)).toBe(true);
    expect(isExposureSetComplete(complete, true)).toBe(false);
    expect(isExposureSetComplete({ ...complete, provider: 1 }, true)).toBe(true);
    expect(isExposureSetComplete(undefined, false)).toBe(false);
  });

  it("reads provider betas that are neither NULL nor 0", async () => {
    await client.query(
      `INSERT INTO company_profiles (symbol, beta, last_updated) VALUES ('AAA', 1.2345, now()), ('BBB', 0, now()), ('CCC', NULL, now())`,
    );
    expect(await getProviderBetas(["AAA", "BBB", "CCC", "DDD"])).toEqual(new Map([["AAA", 1.2345]]));
  });

  it("COPYs new rows into exactly what the merge stores, and merges after a conflict", async () => {
    const symbols = ["CPA", "CPB"];
    await registerUniverseSymbols(symbols.map((symbol) => ({ symbol, assetType: "equity" })), DATE);
    const market = ids.get("Market Beta (90D)")!;
    const value = ids.get("Value")!;
    const rows = (symbol: string) => [
      makeRow(symbol, market, { betaValue: -4.9999995, rSquared: 0.123456789, standardError: 1e-9, tStat: Infinity, pValue: 0 }),
      makeRow(symbol, value, { calculationMethod: "ridge_regression", betaValue: 1 / 3, standardError: null, tStat: null, pValue: null, regularizationAlpha: 1 }),
    ];
    expect(await withTransaction((tx) => copySymbolFactorExposures(rows("CPA"), tx))).toBe(2);
    expect(await upsertSymbolFactorExposures(rows("CPB"))).toBe(2);
    const read = async (symbol: string) => (await client.query(
      `SELECT factor_id, calculation_date::text, beta_value::text, r_squared, observations, window_start::text, window_end::text,
              standard_error, t_stat, p_value, is_capped, quality_flag, calculation_method, regularization_alpha::text, regression_window_days
         FROM symbol_factor_exposures WHERE symbol = $1 ORDER BY factor_id`, [symbol])).rows;
    expect(await read("CPA")).toEqual(await read("CPB"));
    expect((await read("CPA"))[0]).toMatchObject({ beta_value: "-5.000000", t_stat: null });
    // Both rows exist now: a COPY of them conflicts, rolls back to its savepoint and merges the new values.
    const changed = rows("CPA").map((row) => ({ ...row, observations: 77 }));
    expect(await withTransaction((tx) => copySymbolFactorExposures(changed, tx))).toBe(2);
    expect((await read("CPA")).map((row) => row.observations)).toEqual([77, 77]);
    await expect(withTransaction((tx) => copySymbolFactorExposures([makeRow("CPA", market, { betaValue: Number.NaN })], tx))).rejects.toThrow(
      "copySymbolFactorExposures requires finite betas, got NaN for CPA",
    );
  });
});
