import { beforeEach, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { addCalendarDays, tradingDaysBetween } from "@/lib/base/calendar";
import { SimulatedProvider } from "@/lib/market-data/simulated-provider";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createPhaseContext } from "../phase-types";
import { runMarketDataPhase } from "./01-market-data";
import { FakeProvider, makeBars } from "../../testing/fake-market-data-provider";

const CALC_DATE = "2026-03-13";
const WINDOW_FROM = addCalendarDays(CALC_DATE, -365);
const WINDOW_DAYS = tradingDaysBetween(WINDOW_FROM, CALC_DATE);

useTestDatabase();
beforeEach(async () => {
  await getPool().query("TRUNCATE market_data, corporate_actions, symbol_universe CASCADE");
});

async function storedDates(symbol: string): Promise<string[]> {
  const { rows } = await getPool().query<{ date: string }>("SELECT date FROM market_data WHERE symbol = $1 ORDER BY date", [symbol]);
  return rows.map((row) => row.date);
}

const run = (provider: FakeProvider, symbols: string[], calcDate = CALC_DATE) =>
  runMarketDataPhase(createPhaseContext(calcDate, { symbols }), { provider });

describe("runMarketDataPhase", () => {
  it("loads the full window into an empty table, then a rerun writes nothing", async () => {
    const provider = new FakeProvider({ AAA: { bars: makeBars("2025-01-02", CALC_DATE) }, SPY: { bars: makeBars("2025-01-02", CALC_DATE, 500) } });
    const first = await run(provider, ["AAA", "spy"]);
    expect(first.status).toBe("completed");
    expect(first.result).toMatchObject({ mode: "full_backfill", fetched: 2, cached: 0, rowsWritten: 2 * WINDOW_DAYS.length, rowsRejected: 0 });
    expect(await storedDates("AAA")).toEqual(WINDOW_DAYS);
    expect(provider.calls.map((call) => call.range)).toEqual([
      { from: WINDOW_DAYS[0], to: CALC_DATE }, { from: WINDOW_DAYS[0], to: CALC_DATE },
    ]);
    const { rows } = await getPool().query("SELECT symbol, asset_type, first_seen_date, last_seen_date, is_active FROM symbol_universe ORDER BY symbol");
    expect(rows).toEqual([
      { symbol: "AAA", asset_type: "equity", first_seen_date: CALC_DATE, last_seen_date: CALC_DATE, is_active: true },
      { symbol: "SPY", asset_type: "etf", first_seen_date: CALC_DATE, last_seen_date: CALC_DATE, is_active: true },
    ]);
    const { rows: [sample] } = await getPool().query("SELECT close, adj_close, open, high, low, volume, data_source FROM market_data WHERE symbol = 'AAA' AND date = $1", [CALC_DATE]);
    const bar = provider.series.AAA.bars.find((b) => b.date === CALC_DATE)!;
    expect(sample).toMatchObject({ close: bar.close, adj_close: bar.adjClose, volume: bar.volume, data_source: "simulated" });

    provider.calls.length = 0;
    const second = await run(provider, ["AAA", "SPY"]);
    expect(second.result).toMatchObject({ mode: "cached", fetched: 0, cached: 2, rowsWritten: 0 });
    expect(second.status).toBe("completed");
    expect(provider.calls).toEqual([]);
  });

  it("fills each symbol's own gap (R11): a lagging symbol and a hole in the middle", async () => {
    const bars = makeBars("2025-01-02", CALC_DATE);
    const provider = new FakeProvider({ AAA: { bars }, BBB: { bars: makeBars("2025-01-02", CALC_DATE, 50) } });
    await run(provider, ["AAA", "BBB"]);
    const lagFrom = WINDOW_DAYS[WINDOW_DAYS.length - 10];
    await getPool().query("DELETE FROM market_data WHERE symbol = 'BBB' AND date >= $1", [lagFrom]);
    await getPool().query("DELETE FROM market_data WHERE symbol = 'AAA' AND date IN ($1, $2)", [WINDOW_DAYS[100], WINDOW_DAYS[101]]);
    provider.calls.length = 0;
    const summary = await run(provider, ["AAA", "BBB"]);
    expect(summary.result).toMatchObject({ fetched: 2, cached: 0, rowsWritten: 12, refetchedSymbols: [] });
    const ranges = Object.fromEntries(provider.calls.map((call) => [call.symbol, call.range]));
    expect(ranges.BBB).toEqual({ from: WINDOW_DAYS[WINDOW_DAYS.length - 11], to: CALC_DATE });
    expect(ranges.AAA).toEqual({ from: WINDOW_DAYS[99], to: CALC_DATE });
    expect(await storedDates("AAA")).toEqual(WINDOW_DAYS);
    expect(await storedDates("BBB")).toEqual(WINDOW_DAYS);
    expect((await run(provider, ["AAA", "BBB"])).result).toMatchObject({ rowsWritten: 0, mode: "cached" });
  });

  it("fails an unknown symbol with not_found and still loads the others", async () => {
    const provider = new FakeProvider({ AAA: { bars: makeBars(WINDOW_FROM, CALC_DATE) } });
    const summary = await run(provider, ["AAA", "NOPE"]);
    expect(summary.status).toBe("partial");
    expect(summary.itemsFailed).toBe(1);
    expect(summary.errors).toEqual([{ type: "not_found", message: "unknown symbol NOPE", symbol: "NOPE" }]);
    expect(await storedDates("AAA")).toEqual(WINDOW_DAYS);
  });

  it("rejects and counts invalid bars and never stores a bad number", async () => {
    const bars = makeBars(WINDOW_FROM, CALC_DATE);
    bars[5] = { ...bars[5], close: Number.NaN };
    bars[6] = { ...bars[6], close: -1 };
    bars[7] = { ...bars[7], high: 1, low: 2 };
    bars[8] = { ...bars[8], adjClose: Number.POSITIVE_INFINITY };
    bars.push({ ...bars[9] }); // duplicate date
    bars.push({ ...bars[10], date: "2026-03-07" }); // a Saturday
    const provider = new FakeProvider({ AAA: { bars } });
    const summary = await run(provider, ["AAA"]);
    expect(summary.result).toMatchObject({ rowsRejected: 6, rowsWritten: WINDOW_DAYS.length - 4 });
    const { rows } = await getPool().query("SELECT count(*)::int AS n FROM market_data WHERE symbol = 'AAA' AND (close = 'NaN' OR adj_close = 'NaN' OR high < low)");
    expect(rows[0].n).toBe(0);
    expect(await storedDates("AAA")).not.toContain(bars[5].date);
  });

  it("detects a split on refetch and replaces the history: raw close jumps, adj_close stays continuous", async () => {
    const firstDate = "2026-03-06";
    const before = makeBars("2025-01-02", firstDate);
    const provider = new FakeProvider({ AAA: { bars: before } });
    await run(provider, ["AAA"], firstDate);
    const splitDate = "2026-03-11";
    const after = makeBars("2025-01-02", CALC_DATE).map((bar) => bar.date < splitDate
      ? { ...bar, adjClose: bar.close / 2 }
      : { ...bar, close: bar.close / 2, open: bar.open! / 2, high: bar.high! / 2, low: bar.low! / 2, adjClose: bar.close / 2 });
    provider.series.AAA = { bars: after, events: [{ date: splitDate, kind: "split", ratio: 2 }] };
    const summary = await run(provider, ["AAA"]);
    expect(summary.result).toMatchObject({ refetchedSymbols: ["AAA"], corporateActions: 1, fetched: 1 });
    const { rows } = await getPool().query<{ date: string; close: number; adj_close: number }>(
      "SELECT date, close, adj_close FROM market_data WHERE symbol = 'AAA' ORDER BY date");
    expect(rows.map((row) => row.date)).toEqual(tradingDaysBetween("2025-03-06", CALC_DATE));
    const splitIndex = rows.findIndex((row) => row.date === splitDate);
    expect(rows[splitIndex].close / rows[splitIndex - 1].close).toBeCloseTo(0.5, 2);
    expect(rows[splitIndex].adj_close / rows[splitIndex - 1].adj_close).toBeCloseTo(1.001, 3);
    const { rows: actions } = await getPool().query("SELECT symbol, date, kind, ratio FROM corporate_actions");
    expect(actions).toEqual([{ symbol: "AAA", date: splitDate, kind: "split", ratio: 2 }]);
    expect((await run(provider, ["AAA"])).result).toMatchObject({ rowsWritten: 0, refetchedSymbols: [] });
  });

  it("works incrementally against the simulated provider without spurious refetches", async () => {
    const provider = new SimulatedProvider({ now: () => new Date("2026-03-20T22:00:00Z") });
    const symbols = ["AAPL", "NFLX", "SPY"];
    const first = await runMarketDataPhase(createPhaseContext("2026-03-06", { symbols }), { provider });
    expect(first.result).toMatchObject({ fetched: 3, failed: 0 });
    const second = await runMarketDataPhase(createPhaseContext(CALC_DATE, { symbols }), { provider });
    expect(second.result).toMatchObject({ mode: "incremental", fetched: 3, rowsWritten: 15, refetchedSymbols: [] });
    const { rows } = await getPool().query("SELECT symbol, sector FROM symbol_universe ORDER BY symbol");
    expect(rows.find((row) => row.symbol === "AAPL")?.sector).toBeTruthy();
  });

  it("skips a non-trading calc date", async () => {
    const summary = await run(new FakeProvider({}), ["AAA"], "2026-03-14");
    expect(summary).toMatchObject({ status: "skipped", reason: "not a trading day" });
  });
});
