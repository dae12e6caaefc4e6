import { beforeEach, describe, expect, it } from "vitest";
import { getPool } from "../client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { appendPriceRow, createPriceRows } from "./price-rows";
import { getMarketDataCoverage, getMarketDataGaps } from "./read-market-data-coverage";
import { encodeBarsCopy, encodeBinaryCopy } from "./copy-binary";
import { copyMarketDataBars, replaceMarketDataHistory, writeMarketData } from "./write-market-data";

useTestDatabase();
beforeEach(async () => {
  await getPool().query("TRUNCATE market_data");
});

const bar = (date: string, close: number, extra: Partial<{ open: number | null; adjClose: number | null; volume: number | null }> = {}) => ({
  date, open: extra.open ?? null, high: null, low: null, close, adjClose: extra.adjClose ?? null, volume: extra.volume ?? null,
});

describe("writeMarketData", () => {
  it("COPYs values exactly as NUMERIC(14,4) / NUMERIC(18,8) store them", async () => {
    const rows = createPriceRows();
    appendPriceRow(rows, "AAA", bar("2026-03-09", 0.00005, { adjClose: 0.000000005, volume: 0 }));
    appendPriceRow(rows, "AAA", bar("2026-03-10", 123.456789, { open: 9_999_999_999.9999, adjClose: 1234.12345678, volume: 5_000_000_000 }));
    appendPriceRow(rows, "AAA", bar("2026-03-11", 1.99999, { open: 10_000, adjClose: 0.1, volume: null }));
    appendPriceRow(rows, "BRK.B", bar("2026-03-11", 700_000.5, { adjClose: 12.00000001 }));
    expect(await writeMarketData(rows, { dataSource: "simulated", mode: "insert" })).toBe(4);
    const { rows: stored } = await getPool().query(
      "SELECT symbol, date, open::text, close::text, adj_close::text, volume::text, data_source FROM market_data ORDER BY symbol, date");
    expect(stored).toEqual([
      { symbol: "AAA", date: "2026-03-09", open: null, close: "0.0001", adj_close: "0.00000001", volume: "0", data_source: "simulated" },
      { symbol: "AAA", date: "2026-03-10", open: "9999999999.9999", close: "123.4568", adj_close: "1234.12345678", volume: "5000000000", data_source: "simulated" },
      { symbol: "AAA", date: "2026-03-11", open: "10000.0000", close: "2.0000", adj_close: "0.10000000", volume: null, data_source: "simulated" },
      { symbol: "BRK.B", date: "2026-03-11", open: null, close: "700000.5000", adj_close: "12.00000001", volume: null, data_source: "simulated" },
    ]);
  });

  it("falls back to a merge when a COPY chunk conflicts, and a merge counts only changed rows", async () => {
    const rows = createPriceRows();
    appendPriceRow(rows, "AAA", bar("2026-03-10", 10));
    appendPriceRow(rows, "AAA", bar("2026-03-11", 11));
    expect(await writeMarketData(rows, { dataSource: "simulated", mode: "insert" })).toBe(2);
    appendPriceRow(rows, "AAA", bar("2026-03-12", 12));
    expect(await writeMarketData(rows, { dataSource: "simulated", mode: "insert", chunkRows: 2 })).toBe(1);
    const changed = createPriceRows();
    appendPriceRow(changed, "AAA", bar("2026-03-10", 10));
    appendPriceRow(changed, "AAA", bar("2026-03-11", 11.5));
    expect(await writeMarketData(changed, { dataSource: "simulated", mode: "upsert" })).toBe(1);
  });

  it("refuses a non-finite close", async () => {
    const rows = createPriceRows();
    appendPriceRow(rows, "AAA", bar("2026-03-10", Number.NaN));
    await expect(writeMarketData(rows, { dataSource: "simulated", mode: "upsert" })).rejects.toThrow(/non-finite close for AAA/);
  });

  it("replaces a symbol's range in one transaction and reads coverage and gaps", async () => {
    const rows = createPriceRows();
    for (const date of ["2026-03-09", "2026-03-10", "2026-03-12"]) appendPriceRow(rows, "AAA", bar(date, 10));
    await writeMarketData(rows, { dataSource: "simulated", mode: "insert" });
    const coverage = await getMarketDataCoverage(["AAA", "NONE"], { from: "2026-03-01", to: "2026-03-12" });
    expect(coverage.get("AAA")).toEqual({ symbol: "AAA", rows: 3, firstDate: "2026-03-09", lastDate: "2026-03-12", hasCalcDate: true, lastClose: 10, lastAdjClose: null });
    expect(coverage.get("NONE")).toMatchObject({ rows: 0, hasCalcDate: false, lastClose: null });
    const gaps = await getMarketDataGaps(["AAA"], ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"]);
    expect(gaps.get("AAA")).toEqual({ symbol: "AAA", firstMissing: "2026-03-11", missingCount: 1, anchorDate: "2026-03-10" });
    const replacement = createPriceRows();
    appendPriceRow(replacement, "AAA", bar("2026-03-11", 5));
    expect(await replaceMarketDataHistory("AAA", { from: "2026-03-10", to: "2026-03-12" }, replacement, "simulated")).toBe(1);
    const { rows: left } = await getPool().query("SELECT date, close FROM market_data ORDER BY date");
    expect(left).toEqual([{ date: "2026-03-09", close: 10 }, { date: "2026-03-11", close: 5 }]);
  });
});

describe("copyMarketDataBars", () => {
  const batches = [
    { symbol: "AAA", bars: [bar("2026-03-09", 0.00005, { adjClose: 0.000000005, volume: 0 }), bar("2026-03-10", 123.456789, { open: 9_999_999_999.9999, volume: 5_000_000_000.4 })] },
    { symbol: "BRK.B", bars: [bar("2026-03-11", 700_000.5, { adjClose: 12.00000001 })] },
  ];

  it("encodes the bytes the row-array encoder gives for the same rows", () => {
    const rows = createPriceRows();
    for (const { symbol, bars } of batches) for (const one of bars) appendPriceRow(rows, symbol, one);
    expect(encodeBarsCopy(batches, "simulated").equals(encodeBinaryCopy(rows, "simulated", 0, 3))).toBe(true);
  });

  it("COPYs the bars, merges them when they conflict, and refuses a bad close", async () => {
    expect(await copyMarketDataBars(batches, "simulated")).toBe(3);
    expect(await copyMarketDataBars([{ symbol: "AAA", bars: [bar("2026-03-10", 124)] }], "simulated")).toBe(1);
    const { rows } = await getPool().query("SELECT symbol, date, close::text, volume::text FROM market_data ORDER BY symbol, date");
    expect(rows).toEqual([
      { symbol: "AAA", date: "2026-03-09", close: "0.0001", volume: "0" },
      { symbol: "AAA", date: "2026-03-10", close: "124.0000", volume: null },
      { symbol: "BRK.B", date: "2026-03-11", close: "700000.5000", volume: null },
    ]);
    await expect(copyMarketDataBars([{ symbol: "ZZZ", bars: [bar("2026-03-10", 0)] }], "simulated")).rejects.toThrow(
      "market_data write refused a non-positive or non-finite close for ZZZ on 2026-03-10",
    );
  });
});
