import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { REQUIRED_ETFS } from "@/lib/market-data/etfs";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getSymbolsToProcess, resolvePhaseSymbols } from "./symbols-to-process";
import { seedPortfolio } from "../testing/symbols-to-process-seed";

const CALC_DATE = "2026-03-13";

useTestDatabase();
beforeAll(async () => {
  await seedPortfolio({
    positions: [
      { symbol: "aapl" },
      { symbol: "NVDA", investmentClass: null },
      { symbol: "HOME_EQUITY", investmentClass: null },
      { symbol: "FO_PRIVATE_CREDIT", investmentClass: null },
      { symbol: "EQ5D6A2D8F" },
      { symbol: "SPY250919C00460000", investmentClass: null, positionType: "LC" },
      { symbol: "SPY261218C00500000", investmentClass: null, positionType: "LC" },
      { symbol: "PRIV", investmentClass: "PRIVATE" },
      { symbol: "EXITED", exitDate: "2026-03-13" },
      { symbol: "STILLHELD", exitDate: "2026-03-16" },
      { symbol: "GONE", deleted: true },
      { symbol: "DEAD" },
    ],
  });
  await seedPortfolio({ deleted: true, positions: [{ symbol: "DELETEDPF" }] });
  await getPool().query(
    `INSERT INTO symbol_universe (symbol, is_active, inactive_reason) VALUES ('MSFT', true, NULL), ('DEAD', false, 'delisted'), ('OLD', false, NULL)`,
  );
});

describe("getSymbolsToProcess", () => {
  it("unions positions, the active universe and the 17 ETFs, minus inactive and non-market symbols", async () => {
    const { symbols, excluded } = await getSymbolsToProcess(CALC_DATE);
    expect(symbols).toEqual([...new Set([...REQUIRED_ETFS, "AAPL", "NVDA", "MSFT", "STILLHELD"])].sort());
    for (const etf of REQUIRED_ETFS) expect(symbols).toContain(etf);
    const rules = Object.fromEntries(excluded.map((entry) => [entry.symbol, entry.rule]));
    expect(Object.keys(rules).sort()).toEqual(
      ["DEAD", "EQ5D6A2D8F", "FO_PRIVATE_CREDIT", "HOME_EQUITY", "OLD", "SPY250919C00460000", "SPY261218C00500000"].sort(),
    );
    expect(rules.DEAD).toBe("inactive in symbol_universe (delisted)");
    expect(rules.SPY250919C00460000).toMatch(/expired/);
    expect(symbols).not.toContain("EXITED");
    expect(symbols).not.toContain("GONE");
    expect(symbols).not.toContain("PRIV");
    expect(symbols).not.toContain("DELETEDPF");
  });

  it("keeps a required ETF even when the universe marks it inactive", async () => {
    await getPool().query(`INSERT INTO symbol_universe (symbol, is_active) VALUES ('DJP', false)`);
    const { symbols } = await getSymbolsToProcess(CALC_DATE);
    expect(symbols).toContain("DJP");
    await getPool().query(`DELETE FROM symbol_universe WHERE symbol = 'DJP'`);
  });

  it("normalizes an explicit symbol list and drops non-market symbols", async () => {
    const { symbols, excluded } = await resolvePhaseSymbols(CALC_DATE, [" msft", "MSFT", "HOME_EQUITY", "aapl"]);
    expect(symbols).toEqual(["AAPL", "MSFT"]);
    expect(excluded.map((entry) => entry.symbol)).toEqual(["HOME_EQUITY"]);
  });
});
