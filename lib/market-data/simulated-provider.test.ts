import { describe, expect, it } from "vitest";
import { isTradingDay, tradingDaysBetween } from "@/lib/base/calendar";
import { REQUIRED_ETFS } from "./etfs";
import { getMarketDataProvider } from "./get-provider";
import {
  createSyntheticUniverse, FACTOR_ETFS, getPlantedBetas, getSimulatedEquity, isSimulatedSymbol, SIMULATED_EQUITIES,
  type PlantedBetas,
} from "./simulated-market";
import { SimulatedProvider } from "./simulated-provider";
import { DELISTINGS, SPLIT_SCHEDULE } from "./simulated-universe";
import type { DailyBar } from "./types";
import { YahooProvider } from "./yahoo-provider";
import { okBars } from "../testing/provider-results";

/** A fixed clock: Friday 2026-11-27, 23:00 UTC = 18:00 ET, so the latest completed trading day is 2026-11-27. */
const NOW = () => new Date("2026-11-27T23:00:00Z");
const provider = new SimulatedProvider({ seed: 42, now: NOW });
const YEAR = { from: "2025-11-27", to: "2026-11-27" };

const simpleReturns = (values: number[]) => values.slice(1).map((v, i) => v / values[i] - 1);

/** OLS of y on [1, x]: slope and its standard error (σ̂² / Sxx, n − 2 df). */
function olsSlope(x: number[], y: number[]) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = x.reduce((acc, xi, i) => acc + (y[i] - intercept - slope * xi) ** 2, 0);
  return { slope, se: Math.sqrt(sse / (n - 2) / sxx) };
}

describe("SimulatedProvider bars", () => {
  it("returns one bar per NYSE trading day in the range, ascending, with sane OHLC", async () => {
    const result = okBars(await provider.fetchDailyBars("MSFT", YEAR));
    expect(result.bars.map((bar) => bar.date)).toEqual(tradingDaysBetween(YEAR.from, YEAR.to));
    expect(result.bars.every((bar) => isTradingDay(bar.date))).toBe(true);
    expect(result.rejectedBars).toBe(0);
    for (const bar of result.bars) {
      expect(bar.close).toBeGreaterThan(0);
      expect(bar.adjClose).toBeGreaterThan(0);
      expect(bar.high!).toBeGreaterThanOrEqual(Math.max(bar.open!, bar.close));
      expect(bar.low!).toBeLessThanOrEqual(Math.min(bar.open!, bar.close));
      expect(Number.isInteger(bar.volume)).toBe(true);
    }
    // No holiday or weekend bars: Thanksgiving 2026 (Nov 26) and Juneteenth (Jun 19) are absent.
    expect(result.bars.find((bar) => bar.date === "2026-11-26")).toBeUndefined();
    expect(result.bars.find((bar) => bar.date === "2026-06-19")).toBeUndefined();
  });

  it("is deterministic: any sub-range equals the same slice of a longer fetch, for a fresh provider too", async () => {
    for (const symbol of ["AAPL", "SPY", "TLT", "BRK.B", "S0042"]) {
      const full = okBars(await provider.fetchDailyBars(symbol, YEAR));
      const subRanges = [
        { from: "2025-11-27", to: "2026-01-15" },
        { from: "2026-03-02", to: "2026-03-02" },
        { from: "2026-07-04", to: "2026-11-27" },
      ];
      const fresh = new SimulatedProvider({ seed: 42, now: NOW });
      for (const range of subRanges) {
        const expected = full.bars.filter((bar) => bar.date >= range.from && bar.date <= range.to);
        expect(okBars(await provider.fetchDailyBars(symbol, range)).bars).toEqual(expected);
        expect(okBars(await fresh.fetchDailyBars(symbol, range)).bars).toEqual(expected);
      }
    }
  });

  it("a different seed gives a different market", async () => {
    const other = new SimulatedProvider({ seed: 7, now: NOW });
    const a = okBars(await provider.fetchDailyBars("AAPL", YEAR)).bars;
    const b = okBars(await other.fetchDailyBars("AAPL", YEAR)).bars;
    expect(a.map((bar) => bar.close)).not.toEqual(b.map((bar) => bar.close));
  });

  it("never returns future bars: the range is cut at the latest completed trading day of now()", async () => {
    const early = new SimulatedProvider({ seed: 42, now: () => new Date("2026-11-27T20:00:00Z") }); // 15:00 ET
    const bars = okBars(await early.fetchDailyBars("AAPL", { from: "2026-11-20", to: "2027-01-31" })).bars;
    expect(bars.at(-1)?.date).toBe("2026-11-25");
    const late = okBars(await provider.fetchDailyBars("AAPL", { from: "2026-11-20", to: "2027-01-31" })).bars;
    expect(late.at(-1)?.date).toBe("2026-11-27");
    expect(late.slice(0, -1)).toEqual(bars);
  });

  it("a split: raw close drops by the ratio on the split date, adjClose is continuous, a split event is reported", async () => {
    // ORCL 2:1 on 2026-09-14 and NVDA 10:1 on 2024-06-10.
    for (const [symbol, date, ratio] of [["ORCL", "2026-09-14", 2], ["NVDA", "2024-06-10", 10]] as const) {
      const range = { from: "2024-01-02", to: "2026-11-27" };
      const result = okBars(await provider.fetchDailyBars(symbol, range));
      expect(result.events).toContainEqual({ date, kind: "split", ratio });
      const i = result.bars.findIndex((bar) => bar.date === date);
      const [before, after] = [result.bars[i - 1], result.bars[i]];
      const rawRatio = before.close / after.close;
      expect(rawRatio).toBeGreaterThan(ratio * 0.85);
      expect(rawRatio).toBeLessThan(ratio * 1.15);
      const adjReturns = simpleReturns(result.bars.map((bar) => bar.adjClose!));
      expect(Math.max(...adjReturns.map(Math.abs))).toBeLessThan(0.25);
      // adjClose return equals the raw return once the split is undone.
      expect(after.adjClose! / before.adjClose!).toBeCloseTo((after.close * ratio) / before.close, 3);
    }
    expect(SPLIT_SCHEDULE.ORCL).toBeDefined();
  });

  it("every scheduled split falls on a trading day", () => {
    for (const splits of Object.values(SPLIT_SCHEDULE)) for (const split of splits) expect(isTradingDay(split.date)).toBe(true);
  });

  it("dividends: adjClose < close before the ex-date, the raw close drops by the amount, adjClose return is total", async () => {
    const result = okBars(await provider.fetchDailyBars("KO", YEAR));
    const dividends = result.events.filter((event) => event.kind === "dividend");
    expect(dividends.length).toBe(4); // quarterly
    for (const dividend of dividends) {
      expect(dividend.amount).toBeGreaterThan(0);
      const i = result.bars.findIndex((bar) => bar.date === dividend.date);
      const [before, exDate] = [result.bars[i - 1], result.bars[i]];
      expect(before.adjClose!).toBeLessThan(before.close);
      // total return = (close + dividend) / previous close, the same as the adjClose return
      const totalReturn = (exDate.close + dividend.amount!) / before.close - 1;
      expect(exDate.adjClose! / before.adjClose! - 1).toBeCloseTo(totalReturn, 4);
    }
  });

  it("the delisted symbol: bars stop at the delisting date; ranges after it → not_found", async () => {
    const delistedAfter = DELISTINGS.WBA;
    expect(delistedAfter).toBe("2026-06-30");
    const overlapping = okBars(await provider.fetchDailyBars("WBA", YEAR));
    expect(overlapping.bars.at(-1)?.date).toBe("2026-06-30");
    const after = await provider.fetchDailyBars("WBA", { from: "2026-07-01", to: "2026-11-27" });
    expect(after).toEqual({
      ok: false,
      symbol: "WBA",
      error: { kind: "not_found", message: "WBA was delisted after 2026-06-30", attempts: 1 },
    });
  });

  it("unknown and private symbols → not_found; storage form BRK.B is served", async () => {
    for (const symbol of ["ZZZZNOPE", "HOME_EQUITY", "EQ5D6A2D8F", "A B", ""]) {
      const result = await provider.fetchDailyBars(symbol, YEAR);
      expect(result).toMatchObject({ ok: false, symbol, error: { kind: "not_found" } });
    }
    expect(okBars(await provider.fetchDailyBars("BRK.B", YEAR)).bars.length).toBeGreaterThan(200);
  });

  it("a range before the listing date or with from > to is empty; an invalid date is an error", async () => {
    expect(okBars(await provider.fetchDailyBars("AAPL", { from: "2010-01-01", to: "2014-12-31" })).bars).toEqual([]);
    expect(okBars(await provider.fetchDailyBars("AAPL", { from: "2026-02-01", to: "2026-01-01" })).bars).toEqual([]);
    expect(await provider.fetchDailyBars("AAPL", { from: "2026-02-30", to: "2026-03-01" })).toMatchObject({
      ok: false,
      error: { kind: "provider_error" },
    });
  });
});

describe("Simulated factor model", () => {
  const closes = async (symbol: string, range = YEAR) =>
    okBars(await provider.fetchDailyBars(symbol, range)).bars.map((bar: DailyBar) => bar.adjClose!);

  it("OLS of a stock on SPY over 90 returns recovers the planted market beta within 3 standard errors", async () => {
    const window = { from: "2026-07-17", to: "2026-11-27" };
    const spy = simpleReturns(await closes("SPY", window)).slice(-90);
    for (const symbol of ["AAPL", "KO", "JPM", "TSLA", "NEE", "S0001", "S0002"]) {
      const stock = simpleReturns(await closes(symbol, window)).slice(-90);
      expect(stock).toHaveLength(90);
      const planted = getPlantedBetas(symbol, 42)!.market;
      const { slope, se } = olsSlope(spy, stock);
      expect(Math.abs(slope - planted)).toBeLessThan(3 * se);
      expect(se).toBeLessThan(0.4);
    }
  });

  it("IR beta: OLS of a utility on TLT returns has the planted positive rate sensitivity", async () => {
    const range = { from: "2025-01-02", to: "2026-11-27" };
    const tlt = simpleReturns(await closes("TLT", range));
    const nee = simpleReturns(await closes("NEE", range));
    const { slope, se } = olsSlope(tlt, nee);
    expect(Math.abs(slope - getPlantedBetas("NEE")!.rates)).toBeLessThan(3 * se);
    expect(slope).toBeGreaterThan(0);
  });

  it("ETFs follow their loadings: SPY ≈ market, TLT uncorrelated with SPY, VTV/IWM strongly correlated with SPY", async () => {
    const range = { from: "2025-01-02", to: "2026-11-27" };
    const spy = simpleReturns(await closes("SPY", range));
    const beta = async (symbol: string) => olsSlope(spy, simpleReturns(await closes(symbol, range)));
    expect(Math.abs((await beta("TLT")).slope)).toBeLessThan(0.15);
    expect((await beta("VTV")).slope).toBeCloseTo(0.95, 0);
    expect((await beta("IWM")).slope).toBeCloseTo(1.1, 0);
    expect((await beta("VTI")).slope).toBeGreaterThan(0.9);
  });

  it("exports the planted betas of every equity; ETFs and unknown symbols have none", () => {
    const betas = getPlantedBetas("AAPL") as PlantedBetas;
    expect(Object.keys(betas).sort()).toEqual(
      ["growth", "idiosyncraticSd", "lowvol", "market", "momentum", "quality", "rates", "size", "value"],
    );
    expect(getPlantedBetas("AAPL")).toEqual(getPlantedBetas("AAPL", 42));
    expect(getPlantedBetas("SPY")).toBeNull();
    expect(getPlantedBetas("ZZZZNOPE")).toBeNull();
    for (const equity of SIMULATED_EQUITIES) expect(getPlantedBetas(equity.ticker)?.market).toBeGreaterThan(0.2);
  });
});

describe("SimulatedProvider valuations", () => {
  it("plausible, deterministic, and consistent with the last 252 closes", async () => {
    const symbols = ["AAPL", "KO", "JPM", "QQQ", "TLT", "WBA", "ZZZZNOPE", "HOME_EQUITY"];
    const first = await provider.fetchValuations(symbols);
    const second = await new SimulatedProvider({ seed: 42, now: NOW }).fetchValuations(symbols);
    expect(second).toEqual(first);
    for (const symbol of ["AAPL", "KO", "JPM"]) {
      const result = first.get(symbol);
      if (!result?.ok) throw new Error(`${symbol} valuation failed`);
      const v = result.valuation;
      expect(v.trailingPE!).toBeGreaterThanOrEqual(8);
      expect(v.trailingPE!).toBeLessThanOrEqual(60);
      expect(v.forwardPE!).toBeGreaterThan(0);
      expect(Math.abs(v.beta! - getPlantedBetas(symbol)!.market)).toBeLessThan(0.3);
      expect(v.marketCap!).toBeGreaterThan(1e9);
      expect(v.dividendYield!).toBeGreaterThan(0);
      expect(v.dividendYield!).toBeLessThan(0.08);
      const bars = okBars(await provider.fetchDailyBars(symbol, { from: "2025-06-01", to: "2026-11-27" })).bars.slice(-252);
      const closes = bars.map((bar) => bar.close);
      expect(v.fiftyTwoWeekHigh).toBeCloseTo(Math.max(...closes), 3);
      expect(v.fiftyTwoWeekLow).toBeCloseTo(Math.min(...closes), 3);
    }
    const qqq = first.get("QQQ");
    expect(qqq?.ok && qqq.valuation.beta).toBeNull(); // ETFs report no beta, like Yahoo
    expect(first.get("WBA")).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(first.get("ZZZZNOPE")).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(first.get("HOME_EQUITY")).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("a split inside the 52-week window is adjusted away", async () => {
    const result = (await provider.fetchValuations(["ORCL"])).get("ORCL");
    if (!result?.ok) throw new Error("ORCL valuation failed");
    const bars = okBars(await provider.fetchDailyBars("ORCL", { from: "2025-06-01", to: "2026-11-27" })).bars.slice(-252);
    const adjusted = bars.map((bar) => (bar.date < "2026-09-14" ? bar.close / 2 : bar.close));
    expect(result.valuation.fiftyTwoWeekHigh).toBeCloseTo(Math.max(...adjusted), 2);
    expect(result.valuation.fiftyTwoWeekLow).toBeCloseTo(Math.min(...adjusted), 2);
  });
});

describe("universe", () => {
  it("lists ~60+ equities with sectors and industries, and the 17 factor ETFs (= REQUIRED_ETFS)", () => {
    expect(SIMULATED_EQUITIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SIMULATED_EQUITIES.map((equity) => equity.ticker)).size).toBe(SIMULATED_EQUITIES.length);
    for (const equity of SIMULATED_EQUITIES) {
      expect(equity.sector).toBeTruthy();
      expect(equity.industry).toBeTruthy();
    }
    expect(FACTOR_ETFS.map((etf) => etf.ticker)).toEqual([...REQUIRED_ETFS]);
    expect(REQUIRED_ETFS).toHaveLength(17);
    expect(getSimulatedEquity("BRK.B")).toMatchObject({ sector: "Financial Services", industry: "Insurance - Diversified" });
    expect(getSimulatedEquity("S0007")?.sector).toEqual(expect.any(String));
    expect(getSimulatedEquity("SPY")).toBeNull();
    expect(isSimulatedSymbol("SPY") && isSimulatedSymbol("AAPL") && !isSimulatedSymbol("ZZZZNOPE")).toBe(true);
  });

  it("createSyntheticUniverse is deterministic, served by the provider, and 5,000 × 1 year is fast", async () => {
    const universe = createSyntheticUniverse(5_000);
    expect(universe[0].ticker).toBe("S0001");
    expect(universe.at(-1)?.ticker).toBe("S5000");
    expect(createSyntheticUniverse(3)).toEqual(universe.slice(0, 3));
    expect(getPlantedBetas("S4999")?.market).toEqual(expect.any(Number));
    const started = performance.now();
    let rows = 0;
    for (const equity of universe) {
      const result = await provider.fetchDailyBars(equity.ticker, YEAR);
      if (result.ok) rows += result.bars.length;
    }
    const elapsedMs = performance.now() - started;
    expect(rows).toBe(5_000 * tradingDaysBetween(YEAR.from, YEAR.to).length);
    // ~0.6 s (≈2 M rows/s) with tsx on an idle 2-CPU box; the bound only catches pathological regressions
    // because CI shares the CPU with other test files.
    expect(elapsedMs).toBeLessThan(20_000);
  });
});

describe("getMarketDataProvider", () => {
  it("defaults to the simulated provider with seed 42", () => {
    const chosen = getMarketDataProvider({});
    expect(chosen.name).toBe("simulated");
    expect(getMarketDataProvider({ MARKET_DATA_PROVIDER: "simulated", SIMULATED_MARKET_SEED: "7" }).name).toBe("simulated");
  });

  it("MARKET_DATA_PROVIDER=yahoo gives the Yahoo provider", () => {
    expect(getMarketDataProvider({ MARKET_DATA_PROVIDER: "yahoo" })).toBeInstanceOf(YahooProvider);
  });

  it("rejects unknown providers and bad seeds with one sentence", () => {
    expect(() => getMarketDataProvider({ MARKET_DATA_PROVIDER: "polygon" })).toThrow(
      'MARKET_DATA_PROVIDER must be one of simulated, yahoo, got "polygon"',
    );
    expect(() => getMarketDataProvider({ SIMULATED_MARKET_SEED: "abc" })).toThrow(
      'SIMULATED_MARKET_SEED must be an integer, got "abc"',
    );
  });
});

describe("getMarketDataProviderName", () => {
  it("is the one answer to which provider is configured (the pages' simulated-data line reads it)", async () => {
    const { getMarketDataProviderName } = await import("./provider-name");
    expect(getMarketDataProviderName({})).toBe("simulated");
    expect(getMarketDataProviderName({ MARKET_DATA_PROVIDER: " Yahoo " })).toBe("yahoo");
    expect(() => getMarketDataProviderName({ MARKET_DATA_PROVIDER: "polygon" })).toThrow('got "polygon"');
  });
});
