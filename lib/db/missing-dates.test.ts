import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { REQUIRED_ETFS } from "@/lib/market-data/etfs";
import { useTestDatabase } from "@/lib/testing/test-database";
import { findIncompleteDates, findMissingPortfolioDates, findMissingSymbolDates, getBatchStatusSummary } from "./missing-dates";
import { seedPortfolio } from "../testing/symbols-to-process-seed";

// Thu 12 Feb 2026, Fri 13, Mon 16 = Presidents' Day (closed), Tue 17 … Fri 20.
const SYMBOLS = [...REQUIRED_ETFS, "AAPL"];
let portfolioId: string;

async function seedPrices(dates: string[]) {
  await getPool().query(
    `INSERT INTO market_data (symbol, date, close, data_source)
     SELECT s, d, 100, 'simulated' FROM unnest($1::text[]) s CROSS JOIN unnest($2::date[]) d`,
    [SYMBOLS, dates],
  );
}

async function seedFactors(dates: string[], symbols: readonly string[] = SYMBOLS) {
  await getPool().query(
    `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
     SELECT s, f.id, d, 1, 90,
       CASE f.name WHEN 'Market Beta (90D)' THEN 'ols_market' WHEN 'IR Beta' THEN 'ols_ir' WHEN 'Provider Beta (1Y)' THEN 'provider'
         ELSE f.calculation_method END
     FROM unnest($1::text[]) s CROSS JOIN unnest($2::date[]) d CROSS JOIN factor_definitions f
     WHERE f.name <> 'Provider Beta (1Y)'`,
    [symbols, dates],
  );
}

useTestDatabase();
beforeAll(async () => {
  portfolioId = await seedPortfolio({ inceptionDate: "2026-02-11", positions: [{ symbol: "AAPL" }] });
  await seedPortfolio({ inceptionDate: "2026-01-02", deleted: true, positions: [{ symbol: "OLDCO" }] });
  await getPool().query(`INSERT INTO symbol_universe (symbol) SELECT unnest($1::text[])`, [SYMBOLS]);
  await seedPrices(["2026-02-10", "2026-02-11", "2026-02-12", "2026-02-13"]);
  await seedFactors(["2026-02-10", "2026-02-11", "2026-02-12"]);
});

describe("findMissingSymbolDates", () => {
  it("returns exactly the trading days after the last complete date across a holiday weekend", async () => {
    expect(await findMissingSymbolDates("2026-02-20")).toEqual(["2026-02-13", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);
    expect(await findMissingSymbolDates("2026-02-16")).toEqual(["2026-02-13"]);
    expect(await findMissingSymbolDates("2026-02-12")).toEqual([]);
  });

  it("counts a provider-beta row as needed only when company_profiles has a beta", async () => {
    await getPool().query(`INSERT INTO company_profiles (symbol, beta, last_updated) VALUES ('AAPL', 1.1, now())`);
    try {
      // Not before 2026-02-11: the portfolio's inception is later than the first stored price (2026-02-10).
      expect(await findMissingSymbolDates("2026-02-13")).toEqual(["2026-02-11", "2026-02-12", "2026-02-13"]);
    } finally {
      await getPool().query(`DELETE FROM company_profiles`);
    }
  });

  it("caps the result and never looks before the earliest inception or first stored price", async () => {
    expect(await findMissingSymbolDates("2026-02-20", { maxDates: 2 })).toEqual(["2026-02-13", "2026-02-17"]);
    expect(await findMissingSymbolDates("2026-02-20", { symbols: ["NEVERPRICED"] })).toEqual(
      ["2026-02-11", "2026-02-12", "2026-02-13", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);
  });
});

describe("findMissingPortfolioDates", () => {
  it("lists trading days from inception on which a live portfolio has no complete snapshot, or one whose exposures or stress lag it", async () => {
    await getPool().query(
      `INSERT INTO portfolio_snapshots (id, portfolio_id, snapshot_date, is_complete, revision, exposures_revision, stress_revision)
       SELECT gen_random_uuid(), $1, d, d <> '2026-02-13'::date, 2, CASE WHEN d = '2026-02-12'::date THEN 1 ELSE 2 END, 2 FROM unnest($2::date[]) d`,
      [portfolioId, ["2026-02-11", "2026-02-12", "2026-02-13", "2026-02-17"]],
    );
    // 02-12 is complete but its exposures were computed from an older revision (a restatement not yet refreshed).
    expect(await findMissingPortfolioDates("2026-02-20")).toEqual(["2026-02-12", "2026-02-13", "2026-02-18", "2026-02-19", "2026-02-20"]);
  });
});

describe("findIncompleteDates", () => {
  it("checks any list of dates for symbols and portfolios", async () => {
    expect(await findIncompleteDates(["2026-02-12", "2026-02-11", "2026-02-13", "2026-02-17"])).toEqual(["2026-02-12", "2026-02-13", "2026-02-17"]);
    expect(await findIncompleteDates([])).toEqual([]);
  });
});

describe("getBatchStatusSummary", () => {
  it("reports symbols and portfolios for one date", async () => {
    const summary = await getBatchStatusSummary("2026-02-13");
    expect(summary).toEqual({
      targetDate: "2026-02-13",
      symbols: {
        total: 18, havePrices: 18, missingPrices: 0, missingList: [],
        haveFactors: 0, missingFactors: 18, missingFactorsList: [...SYMBOLS].sort().slice(0, 20),
      },
      portfolios: { total: 1, haveSnapshots: 0, missingSnapshots: 1, missingList: [{ id: portfolioId, name: "Test portfolio" }] },
      needsSymbolBatch: true,
      needsPortfolioRefresh: true,
    });
    const complete = await getBatchStatusSummary("2026-02-12");
    expect(complete).toMatchObject({ needsSymbolBatch: false, needsPortfolioRefresh: false, symbols: { havePrices: 18, haveFactors: 18 } });
  });
});
