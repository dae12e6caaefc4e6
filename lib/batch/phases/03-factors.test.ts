import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "../../testing/test-database";
import { buildSyntheticMarket, insertSyntheticMarket } from "../../testing/synthetic-market";
import { createPhaseContext } from "../phase-types";
import { runFactorsPhase } from "./03-factors";

const CALC_DATE = "2026-01-30";
const PLANTED = [
  { symbol: "AAA", marketBeta: 0.5 },
  { symbol: "BBB", marketBeta: 1.0 },
  { symbol: "CCC", marketBeta: 1.5 },
  { symbol: "DDD", marketBeta: 2.0 },
];
const SYMBOLS = ["AAA", "BBB", "CCC", "DDD", "SHORT", "FLAT", "BX_PRIVATE_EQUITY", "EQ5D6A2D8F"];

async function dumpRows(client: pg.Client, date = CALC_DATE) {
  return (await client.query(`SELECT * FROM symbol_factor_exposures WHERE calculation_date = $1 ORDER BY symbol, factor_id`, [date])).rows;
}

describe("runFactorsPhase", () => {
  const client = useTestDatabaseClient();

  beforeAll(async () => {
    const market = buildSyntheticMarket(CALC_DATE, 300, [...PLANTED, { symbol: "SHORT", marketBeta: 1 }, { symbol: "BX_PRIVATE_EQUITY", marketBeta: 1 }]);
    const short = market.series.get("SHORT")!;
    short.fill(NaN, 0, short.length - 13); // 13 prices → 12 returns
    market.series.set("FLAT", new Float64Array(market.dates.length).fill(50));
    await insertSyntheticMarket(market);
    await client.query(
      `INSERT INTO company_profiles (symbol, beta, last_updated) VALUES ('AAA', 0.75, now()), ('BBB', 1.1, now()), ('CCC', 0, now())`,
    );
  });

  it("skips a non-trading day", async () => {
    const summary = await runFactorsPhase(createPhaseContext("2026-01-31", { symbols: SYMBOLS }));
    expect(summary.status).toBe("skipped");
    expect(summary.reason).toBe("not a trading day");
  });

  it("writes 13 rows per fully computed symbol and records per-symbol failures without aborting", async () => {
    const summary = await runFactorsPhase(createPhaseContext(CALC_DATE, { symbols: SYMBOLS }));
    expect(summary.status).toBe("partial");
    expect(summary).toMatchObject({ itemsTotal: 6, itemsDone: 4, itemsFailed: 2, itemsSkipped: 0 });
    expect(summary.result).toMatchObject({ rowsWritten: 4 * 12 + 2, symbolsComputed: 4, symbolsSkippedComplete: 0, symbolsExcluded: 2 });
    expect(summary.result.familyCounts).toMatchObject({
      ridge: { calculated: 4, failed: 2 }, spread: { calculated: 4, failed: 2 }, provider: { calculated: 2, skipped: 4 },
    });
    const counts = (await client.query(
      `SELECT symbol, calculation_method AS method, count(*)::int AS n FROM symbol_factor_exposures
        WHERE calculation_date = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [CALC_DATE],
    )).rows;
    const bySymbol = (symbol: string) => Object.fromEntries(counts.filter((row) => row.symbol === symbol).map((row) => [row.method, row.n]));
    const computed = { ridge_regression: 6, spread_regression: 4, ols_market: 1, ols_ir: 1 };
    expect(bySymbol("AAA")).toEqual({ ...computed, provider: 1 });
    expect(bySymbol("BBB")).toEqual({ ...computed, provider: 1 });
    expect(bySymbol("CCC")).toEqual(computed); // a provider beta of 0 is no beta
    expect(bySymbol("DDD")).toEqual(computed);
    expect(bySymbol("SHORT")).toEqual({});
    expect(bySymbol("FLAT")).toEqual({});
    expect(summary.errors).toContainEqual({
      type: "insufficient_data", symbol: "SHORT", factor: "market", message: "Insufficient aligned data: 12 returns (minimum 30)",
    });
    expect(summary.errors).toContainEqual({
      type: "insufficient_data", symbol: "SHORT", factor: "spread", message: "Insufficient aligned data: 12 returns (minimum 60)",
    });
    const flat = summary.errors.filter((error) => error.symbol === "FLAT");
    expect(flat.map((error) => error.factor).sort()).toEqual(["ir", "market", "ridge", "spread"]);
    expect(flat.every((error) => error.type === "zero_variance" && /Zero variance in FLAT returns/.test(error.message))).toBe(true);
  });

  it("recovers the planted market betas within statistical error and stores the R12 metadata", async () => {
    const rows = (await client.query(
      `SELECT e.symbol, e.beta_value, e.standard_error, e.t_stat, e.p_value, e.r_squared, e.observations, e.window_start::text,
              e.window_end::text, e.is_capped, e.regression_window_days, e.regularization_alpha, e.quality_flag
         FROM symbol_factor_exposures e JOIN factor_definitions f ON f.id = e.factor_id
        WHERE f.name = 'Market Beta (90D)' AND e.calculation_date = $1 ORDER BY e.symbol`, [CALC_DATE],
    )).rows;
    expect(rows.map((row) => row.symbol)).toEqual(["AAA", "BBB", "CCC", "DDD"]);
    for (const row of rows) {
      const planted = PLANTED.find((stock) => stock.symbol === row.symbol)!.marketBeta;
      const beta = Number(row.beta_value);
      expect(Math.abs(beta - planted)).toBeLessThan(Math.max(4 * row.standard_error, 0.01));
      expect(row.standard_error).toBeLessThan(0.1);
      expect(row).toMatchObject({ observations: 90, window_end: CALC_DATE, is_capped: false, regression_window_days: 90, regularization_alpha: null, quality_flag: "full_history" });
      expect(row.r_squared).toBeGreaterThan(0.3);
      expect(row.p_value).toBeLessThan(0.001);
    }
    const ridge = (await client.query(
      `SELECT DISTINCT observations, regularization_alpha::float8 AS alpha, regression_window_days AS window FROM symbol_factor_exposures
        WHERE calculation_method = 'ridge_regression' AND calculation_date = $1`, [CALC_DATE],
    )).rows;
    expect(ridge).toEqual([{ observations: 90, alpha: 1, window: 90 }]);
    const provider = (await client.query(
      `SELECT symbol, beta_value::float8 AS beta, observations, regression_window_days AS window, r_squared FROM symbol_factor_exposures
        WHERE calculation_method = 'provider' AND calculation_date = $1 ORDER BY symbol`, [CALC_DATE],
    )).rows;
    expect(provider).toEqual([
      { symbol: "AAA", beta: 0.75, observations: 252, window: 252, r_squared: null },
      { symbol: "BBB", beta: 1.1, observations: 252, window: 252, r_squared: null },
    ]);
  });

  it("never writes private symbols and registers the others in symbol_universe", async () => {
    const privateRows = (await client.query(
      `SELECT count(*)::int AS n FROM symbol_factor_exposures WHERE symbol IN ('BX_PRIVATE_EQUITY', 'EQ5D6A2D8F')`,
    )).rows[0];
    expect(privateRows.n).toBe(0);
    const universe = (await client.query(
      `SELECT symbol, asset_type, first_seen_date::text AS first, last_seen_date::text AS last FROM symbol_universe ORDER BY symbol`,
    )).rows;
    expect(universe.map((row) => row.symbol)).toEqual(["AAA", "BBB", "CCC", "DDD", "FLAT", "SHORT"]);
    expect(universe[0]).toEqual({ symbol: "AAA", asset_type: "equity", first: CALC_DATE, last: CALC_DATE });
  });

  it("a rerun skips complete symbols and leaves identical rows", async () => {
    const before = await dumpRows(client);
    const summary = await runFactorsPhase(createPhaseContext(CALC_DATE, { symbols: SYMBOLS }));
    expect(summary.result).toMatchObject({ rowsWritten: 0, symbolsSkippedComplete: 4, symbolsComputed: 0 });
    expect(summary).toMatchObject({ itemsSkipped: 4, itemsFailed: 2, status: "partial" });
    expect(await dumpRows(client)).toEqual(before);
  });

  it("merges the rows of a half-written symbol (rerun path) into exactly what the first run COPYed", async () => {
    const before = await dumpRows(client);
    await client.query(`DELETE FROM symbol_factor_exposures WHERE symbol = 'BBB' AND calculation_method = 'ols_ir' AND calculation_date = $1`, [CALC_DATE]);
    await client.query(`UPDATE symbol_factor_exposures SET beta_value = 0 WHERE symbol = 'BBB' AND calculation_method = 'ols_market' AND calculation_date = $1`, [CALC_DATE]);
    const summary = await runFactorsPhase(createPhaseContext(CALC_DATE, { symbols: ["BBB"] }));
    expect(summary.result).toMatchObject({ rowsWritten: 13, symbolsComputed: 1 });
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ created_at: _created, ...rest }) => rest);
    expect(strip(await dumpRows(client))).toEqual(strip(before));
  });

  it("without ctx.symbols processes the R19 list, still without private symbols", async () => {
    await client.query(`INSERT INTO symbol_universe (symbol) VALUES ('FO_PRIVATE_CREDIT')`);
    const date = "2026-01-29";
    const summary = await runFactorsPhase(createPhaseContext(date, {}));
    const symbols = (await client.query(`SELECT DISTINCT symbol FROM symbol_factor_exposures WHERE calculation_date = $1 ORDER BY 1`, [date])).rows;
    expect(symbols.map((row) => row.symbol)).toEqual(
      expect.arrayContaining(["AAA", "BBB", "CCC", "DDD", "SPY", "TLT", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"]),
    );
    expect(symbols.map((row) => row.symbol)).not.toContain("FO_PRIVATE_CREDIT");
    expect(summary.errors.some((error) => error.type === "no_prices" && error.symbol === "GLD")).toBe(true);
  });
});
