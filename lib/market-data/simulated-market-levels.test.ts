/**
 * A simulated market a newcomer believes: any valid ticker is priced from its own seed, familiar tickers close near
 * their familiar level, and ZZZZ… tickers are the reserved unknowns.
 */
import { describe, expect, it } from "vitest";
import { getPlantedBetas, getSimulatedEquity, isSimulatedSymbol } from "./simulated-market";
import { PRICE_LEVEL_DATE, REFERENCE_PRICE_LEVELS_USD } from "./simulated-price-levels";
import { SimulatedProvider } from "./simulated-provider";
import { okBars } from "../testing/provider-results";

const NOW = () => new Date("2026-11-27T23:00:00Z");
const provider = new SimulatedProvider({ seed: 42, now: NOW });
const YEAR = { from: "2025-11-27", to: "2026-11-27" };

const closeOn = async (symbol: string, date: string) =>
  okBars(await provider.fetchDailyBars(symbol, { from: date, to: date })).bars[0].close;

describe("simulated market: any valid ticker", () => {
  it("prices tickers outside the listed universe (UBER, SHOP, ROKU) deterministically, with planted betas", async () => {
    for (const symbol of ["UBER", "SHOP", "ROKU"]) {
      const bars = okBars(await provider.fetchDailyBars(symbol, YEAR)).bars;
      expect(bars.length).toBeGreaterThan(240);
      expect(bars.every((bar) => bar.close > 0)).toBe(true);
      const again = okBars(await new SimulatedProvider({ seed: 42, now: NOW }).fetchDailyBars(symbol, YEAR)).bars;
      expect(again).toEqual(bars);
      expect(getPlantedBetas(symbol)?.market).toEqual(expect.any(Number));
      expect(getSimulatedEquity(symbol)).toMatchObject({ ticker: symbol, name: `${symbol} (simulated company)` });
      expect(isSimulatedSymbol(symbol)).toBe(true);
    }
    // Different tickers are different series.
    const uber = okBars(await provider.fetchDailyBars("UBER", YEAR)).bars.map((bar) => bar.close);
    const shop = okBars(await provider.fetchDailyBars("SHOP", YEAR)).bars.map((bar) => bar.close);
    expect(uber).not.toEqual(shop);
  });

  it("gives an unknown-but-valid ticker a valuation as well as bars", async () => {
    const valuation = (await provider.fetchValuations(["ROKU"])).get("ROKU");
    expect(valuation).toMatchObject({ ok: true, valuation: { beta: expect.any(Number), fiftyTwoWeekHigh: expect.any(Number) } });
  });

  it("familiar tickers close at their familiar level on the price-level date (MSFT ~ $420)", async () => {
    expect(await closeOn("MSFT", PRICE_LEVEL_DATE)).toBeCloseTo(420, 2);
    for (const symbol of ["AAPL", "SPY", "TLT", "BRK.B", "NVDA", "ORCL", "NFLX", "KO"]) {
      expect(await closeOn(symbol, PRICE_LEVEL_DATE)).toBeCloseTo(REFERENCE_PRICE_LEVELS_USD[symbol], 2);
    }
    // A month earlier MSFT is still in the same range: levels are not a one-day spike.
    const earlier = await closeOn("MSFT", "2026-10-27");
    expect(earlier).toBeGreaterThan(420 / 1.5);
    expect(earlier).toBeLessThan(420 * 1.5);
  });

  it("keeps planted market betas recoverable for a ticker outside the universe", async () => {
    const window = { from: "2025-01-02", to: "2026-11-27" };
    const returns = async (symbol: string) => {
      const closes = okBars(await provider.fetchDailyBars(symbol, window)).bars.map((bar) => bar.adjClose!);
      return closes.slice(1).map((close, i) => close / closes[i] - 1);
    };
    const spy = await returns("SPY");
    const uber = await returns("UBER");
    const mx = spy.reduce((a, b) => a + b, 0) / spy.length;
    const my = uber.reduce((a, b) => a + b, 0) / uber.length;
    const sxy = spy.reduce((acc, x, i) => acc + (x - mx) * (uber[i] - my), 0);
    const sxx = spy.reduce((acc, x) => acc + (x - mx) ** 2, 0);
    expect(sxy / sxx).toBeCloseTo(getPlantedBetas("UBER")!.market, 0);
  });
});

describe("simulated market: reserved unknown tickers", () => {
  it("fails a ZZZZ ticker clearly as not_found, bars and valuations alike", async () => {
    const bars = await provider.fetchDailyBars("ZZZZ9", YEAR);
    expect(bars).toEqual({
      ok: false, symbol: "ZZZZ9",
      error: {
        kind: "not_found", attempts: 1,
        message: "unknown symbol ZZZZ9 in the simulated market (tickers starting with ZZZZ are reserved as unknown)",
      },
    });
    expect((await provider.fetchValuations(["ZZZZ"])).get("ZZZZ")).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(getPlantedBetas("ZZZZ9")).toBeNull();
    expect(isSimulatedSymbol("ZZZZ9")).toBe(false);
  });

  it("does not price private names or malformed tickers", async () => {
    for (const symbol of ["HOME_EQUITY", "AAPL260116P00187500", "A$B"]) {
      expect(await provider.fetchDailyBars(symbol, YEAR)).toMatchObject({ ok: false, error: { kind: "not_found" } });
    }
  });
});
