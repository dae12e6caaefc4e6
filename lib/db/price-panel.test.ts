import { beforeAll, describe, expect, it } from "vitest";
import { buildSyntheticMarket, insertSyntheticMarket } from "../testing/synthetic-market";
import { tradingDaysBack } from "../base/calendar";
import { useTestDatabaseClient } from "../testing/test-database";
import { getPricePanelStartDate, loadPricePanel, PANEL_READ_LANES, PANEL_WINDOW_DATES, REGRESSOR_ETFS } from "./price-panel";

const CALC_DATE = "2026-01-30";

describe("loadPricePanel", () => {
  const client = useTestDatabaseClient();
  beforeAll(async () => {
    await insertSyntheticMarket(buildSyntheticMarket(CALC_DATE, 250, [{ symbol: "AAA", marketBeta: 1 }]));
    await client.query(
      `INSERT INTO market_data (symbol, date, close, adj_close, data_source) VALUES
         ('GAPPY', '2026-01-27', 10, 9.5, 'test'), ('GAPPY', '2026-01-29', 11, NULL, 'test')`,
    );
  });

  it("always includes the regressor ETFs and gives every requested symbol a NaN-filled array", async () => {
    const panel = await loadPricePanel(["AAA", "GAPPY", "NOPE"], "2026-01-26", CALC_DATE);
    expect(panel.dates).toEqual(["2026-01-26", "2026-01-27", "2026-01-28", "2026-01-29", "2026-01-30"]);
    expect([...panel.prices.keys()].sort()).toEqual(["AAA", "GAPPY", "NOPE", ...REGRESSOR_ETFS].sort());
    expect([...panel.prices.get("GAPPY")!]).toEqual([NaN, 9.5, NaN, 11, NaN]); // adj_close, else close
    expect([...panel.prices.get("NOPE")!].every(Number.isNaN)).toBe(true);
    expect(panel.prices.get("AAA")!.every((price) => price > 0)).toBe(true);
    expect(panel.rowCount).toBe(5 * (1 + REGRESSOR_ETFS.length) + 2);
  });

  it("quotes symbols safely in the COPY's SQL text and refuses dates that are not ISO", async () => {
    await client.query(`INSERT INTO market_data (symbol, date, close, data_source) VALUES ($1, $2, 7, 'test')`, [`Q"X\\'Y`, CALC_DATE]);
    const panel = await loadPricePanel([`Q"X\\'Y`, "x'); DROP TABLE market_data; --"], CALC_DATE, CALC_DATE);
    expect([...panel.prices.get(`Q"X\\'Y`)!]).toEqual([7]);
    expect((await client.query(`SELECT count(*)::int AS n FROM market_data`)).rows[0].n).toBeGreaterThan(0);
    await expect(loadPricePanel(["AAA"], "2026-01-30'; --", CALC_DATE)).rejects.toThrow("loadPricePanel requires ISO dates, got 2026-01-30'; -- and 2026-01-30");
  });

  it("reads adj_close at full precision", async () => {
    const { rows } = await client.query(`SELECT adj_close::text AS px FROM market_data WHERE symbol = 'SPY' AND date = $1`, [CALC_DATE]);
    const panel = await loadPricePanel([], CALC_DATE, CALC_DATE);
    expect(panel.prices.get("SPY")![0]).toBe(Number(rows[0].px));
  });

  it("reads a large panel in lanes, every symbol's prices where a plain query puts them", async () => {
    // 600 symbols with a gap each at a different date; the panel is read on PANEL_READ_LANES connections.
    const symbols = Array.from({ length: 600 }, (_, i) => `LANE${String(i).padStart(3, "0")}`);
    const dates = tradingDaysBack(CALC_DATE, 5);
    await client.query(
      `INSERT INTO market_data (symbol, date, close, data_source)
       SELECT s, d, 10 + i + k / 8.0, 'test' FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i), unnest($2::date[]) WITH ORDINALITY AS u(d, k)
        WHERE (i + k) % 5 <> 0`,
      [symbols, dates],
    );
    const panel = await loadPricePanel(symbols, dates[0], CALC_DATE);
    expect(panel.dates).toEqual(dates);
    const { rows } = await client.query<{ symbol: string; date: string; close: number }>(
      `SELECT symbol, date::text AS date, close::float8 AS close FROM market_data WHERE symbol = ANY($1::text[])`, [symbols]);
    const expected = new Map(symbols.map((symbol) => [symbol, dates.map(() => Number.NaN)]));
    for (const row of rows) expected.get(row.symbol)![dates.indexOf(row.date)] = row.close;
    for (const symbol of symbols) expect([...panel.prices.get(symbol)!], symbol).toEqual(expected.get(symbol));
    expect(rows.length).toBe(600 * 4);
    expect(PANEL_READ_LANES).toBeGreaterThan(1);
  });

  it("starts the panel where the longest benchmark window can start", async () => {
    expect(await getPricePanelStartDate(CALC_DATE)).toBe(tradingDaysBack(CALC_DATE, PANEL_WINDOW_DATES)[0]);
    await client.query(`DELETE FROM market_data WHERE symbol = 'TLT' AND date = '2026-01-28'`);
    expect(await getPricePanelStartDate(CALC_DATE)).toBe(tradingDaysBack(CALC_DATE, PANEL_WINDOW_DATES + 1)[0]);
    // Too little regressor history: fall back to a fixed number of trading days.
    expect(await getPricePanelStartDate("2025-03-03")).toBe(tradingDaysBack("2025-03-03", PANEL_WINDOW_DATES + 10)[0]);
  });
});
