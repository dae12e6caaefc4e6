import { describe, expect, it } from "vitest";
import { computeSymbolFactorTable, computeSymbolFactors } from "./compute-symbol-factors";
import { COMPUTED_FACTORS, getFactorColumn, type SymbolFactorTable } from "./symbol-factor-table";
import { FACTOR_DEFINITIONS, PROVIDER_BETA_FACTOR, RIDGE_ALPHA } from "../factor-definitions";
import { buildPlantedPanel, compoundPrices, listTestDates } from "@/lib/testing/planted-factor-panel";
import type { PricePanel } from "./factor-window";

const DAYS = 200;
const { panel, etfReturns } = buildPlantedPanel(DAYS, {
  MKT: { loadings: { SPY: 1.3, TLT: -0.4 }, noise: 0.004 },
  STY: { loadings: { VTV: 0.5, MTUM: 0.8, USMV: -0.3 }, noise: 0.002 },
  SPR: { loadings: { VUG: 0.9, VTV: -0.9 }, noise: 0.004 },
  BIG: { loadings: { SPY: 7 }, noise: 0.01 },
  NEG: { loadings: { SPY: -6 }, noise: 0.01 },
});
const calcDate = panel.dates[DAYS - 1];
const result = computeSymbolFactors({ panel, calcDate, symbols: ["MKT", "STY", "SPR", "BIG", "NEG"] });

function withSeries(base: PricePanel, series: Record<string, Float64Array>): PricePanel {
  return { dates: base.dates, prices: new Map([...base.prices, ...Object.entries(series)]) };
}

describe("computeSymbolFactors: planted betas", () => {
  it("recovers OLS betas within 4 standard errors and carries SE, t and p of the uncapped fit", () => {
    const market = result.exposures.MKT["Market Beta (90D)"];
    expect(Math.abs(market.rawBeta - 1.3)).toBeLessThan(4 * market.standardError!);
    expect(market).toMatchObject({ n: 90, methodTag: "ols_market", alpha: null, windowReturns: 90, capped: false });
    expect(market.tStat).toBeCloseTo(market.rawBeta / market.standardError!, 12);
    expect(market.pValue).toBeLessThan(1e-10);
    const ir = result.exposures.MKT["IR Beta"];
    expect(Math.abs(ir.rawBeta + 0.4)).toBeLessThan(4 * ir.standardError!);
    const spread = result.exposures.SPR["Growth-Value Spread"];
    expect(Math.abs(spread.rawBeta - 0.9)).toBeLessThan(4 * spread.standardError!);
    expect(spread).toMatchObject({ n: 180, methodTag: "spread_regression", windowReturns: 180, windowEnd: calcDate });
    expect(spread.windowStart).toBe(panel.dates[DAYS - 181]);
  });

  it("recovers ridge betas (α = 1 shrinks them by ~1 %) and leaves out SE, t and p", () => {
    const style = result.exposures.STY;
    const planted: Record<string, number> = { Value: 0.5, Momentum: 0.8, "Low Volatility": -0.3, Growth: 0, Quality: 0, Size: 0 };
    for (const [factor, beta] of Object.entries(planted)) {
      expect(Math.abs(style[factor].beta - beta), factor).toBeLessThan(0.06);
      expect(style[factor]).toMatchObject({ methodTag: "ridge_regression", alpha: RIDGE_ALPHA, n: 90, windowReturns: 90 });
      expect(style[factor]).not.toHaveProperty("standardError");
      expect(style[factor]).not.toHaveProperty("tStat");
      expect(style[factor]).not.toHaveProperty("pValue");
    }
    expect(style.Value.rSquared).toBeGreaterThan(0.9);
    expect(new Set(Object.values(style).filter((e) => e.methodTag === "ridge_regression").map((e) => e.rSquared)).size).toBe(1);
  });

  it("stores each spread factor's own R² and computes all 12 factors but never Provider Beta", () => {
    const spr = result.exposures.SPR;
    expect(spr["Growth-Value Spread"].rSquared).toBeGreaterThan(0.8);
    expect(spr["Momentum Spread"].rSquared).toBeLessThan(0.1);
    expect(Object.keys(spr).sort()).toEqual(FACTOR_DEFINITIONS.map((f) => f.name).filter((n) => n !== PROVIDER_BETA_FACTOR).sort());
    expect(result.failures).toEqual({});
  });

  it("caps at ±5 and flags the capped betas, with statistics of the uncapped estimate", () => {
    const big = result.exposures.BIG["Market Beta (90D)"];
    expect(big).toMatchObject({ beta: 5, capped: true });
    expect(big.rawBeta).toBeGreaterThan(6);
    expect(big.tStat).toBeCloseTo(big.rawBeta / big.standardError!, 10);
    expect(result.exposures.NEG["Market Beta (90D)"]).toMatchObject({ beta: -5, capped: true });
    expect(result.exposures.MKT["Market Beta (90D)"].beta).toBe(result.exposures.MKT["Market Beta (90D)"].rawBeta);
  });

  it("regresses an ETF on itself when asked (SPY: β = 1, R² = 1)", () => {
    const spy = computeSymbolFactors({ panel, calcDate, symbols: ["SPY"] }).exposures.SPY["Market Beta (90D)"];
    expect(spy.beta).toBeCloseTo(1, 12);
    expect(spy.rSquared).toBeCloseTo(1, 12);
  });
});

describe("computeSymbolFactors: failures per symbol", () => {
  it("fails short histories with the minimum, per family", () => {
    const prices = new Float64Array(DAYS).fill(Number.NaN);
    prices.set(compoundPrices(etfReturns.SPY.subarray(DAYS - 13)), DAYS - 13); // 13 prices → 12 returns
    const out = computeSymbolFactors({ panel: withSeries(panel, { SHORT: prices }), calcDate, symbols: ["SHORT"] });
    expect(out.failures.SHORT).toEqual({
      ridge: "Insufficient aligned data: 12 returns (minimum 30)",
      spread: "Insufficient aligned data: 12 returns (minimum 60)",
      market: "Insufficient aligned data: 12 returns (minimum 30)",
      ir: "Insufficient aligned data: 12 returns (minimum 30)",
    });
    expect(out.exposures.SHORT).toEqual({});
  });

  it("fails a halted (constant-price) symbol for every family and a symbol without prices", () => {
    const out = computeSymbolFactors({ panel: withSeries(panel, { HALT: new Float64Array(DAYS).fill(42) }), calcDate, symbols: ["HALT", "GONE"] });
    expect(out.failures.HALT.ridge).toBe("Zero variance in HALT returns over the window");
    expect(Object.keys(out.failures.HALT)).toEqual(["ridge", "spread", "market", "ir"]);
    expect(out.failures.GONE.market).toBe("No price for GONE in the window");
  });

  it("fails only the factor whose regressor has zero variance", () => {
    const flat = withSeries(panel, { TLT: new Float64Array(DAYS).fill(90), USMV: new Float64Array(DAYS).fill(80) });
    const out = computeSymbolFactors({ panel: flat, calcDate, symbols: ["MKT"] });
    expect(out.failures.MKT).toEqual({
      "Low Volatility": "Zero variance in USMV returns over the window",
      "IR Beta": "Zero variance in TLT returns over the window",
    });
    expect(Object.keys(out.exposures.MKT)).toHaveLength(10);
    const gapped = computeSymbolFactors({ panel: flat, calcDate, symbols: ["MKT"], batch: false });
    expect(gapped).toStrictEqual(out);
  });

  it("fails ridge and spread for everyone when an ETF is missing, keeping market and IR", () => {
    const prices = new Map(panel.prices);
    prices.delete("QUAL");
    const out = computeSymbolFactors({ panel: { dates: panel.dates, prices }, calcDate, symbols: ["MKT"] });
    expect(out.failures.MKT).toEqual({
      ridge: "Benchmark window incomplete: 0 dates with prices for all of VTV, VUG, MTUM, QUAL, IWM, USMV (need 91)",
      spread: "Benchmark window incomplete: 0 dates with prices for all of VUG, VTV, MTUM, SPY, IWM, QUAL (need 181)",
    });
    expect(Object.keys(out.exposures.MKT)).toEqual(["Market Beta (90D)", "IR Beta"]);
  });

  it("uses calc dates that are not in the panel and ignores later prices", () => {
    const later = computeSymbolFactors({ panel, calcDate: "2099-01-01", symbols: ["MKT"] });
    expect(later.exposures.MKT["Market Beta (90D)"].windowEnd).toBe(calcDate);
    const cut = computeSymbolFactors({ panel, calcDate: panel.dates[150], symbols: ["MKT"] });
    expect(cut.exposures.MKT["Market Beta (90D)"].windowEnd).toBe(panel.dates[150]);
    expect(cut.failures.MKT.spread).toBe(
      "Benchmark window incomplete: 151 dates with prices for all of VUG, VTV, MTUM, SPY, IWM, QUAL (need 181)",
    );
  });
});

describe("computeSymbolFactors: shared factorisation", () => {
  const gap = Float64Array.from(panel.prices.get("STY")!, (price, t) => (t % 17 === 3 ? Number.NaN : price));
  const etfGap = withSeries(panel, { GAP: gap, VTV: Float64Array.from(panel.prices.get("VTV")!, (p, t) => (t === DAYS - 5 ? Number.NaN : p)) });
  const symbols = ["MKT", "STY", "GAP", "SPR", "BIG"];

  it("gives identical results batched and one by one (full windows and gapped symbols)", () => {
    const batched = computeSymbolFactors({ panel: etfGap, calcDate, symbols });
    const single = computeSymbolFactors({ panel: etfGap, calcDate, symbols, batch: false });
    expect(batched).toStrictEqual(single);
    expect(batched.exposures.GAP["Value"].n).toBeLessThan(90);
    expect(batched.exposures.STY["Value"].n).toBe(90);
  });

  it("skips a date missing for one spread ETF but keeps it for market beta", () => {
    const out = computeSymbolFactors({ panel: etfGap, calcDate, symbols: ["MKT"] });
    expect(out.exposures.MKT["Market Beta (90D)"].windowStart).toBe(panel.dates[DAYS - 91]);
    expect(out.exposures.MKT["Value"].windowStart).toBe(panel.dates[DAYS - 92]);
    expect(out.exposures.MKT["Value"].n).toBe(90);
  });

  it("gives the reasons of the full check from the one-pass alignment (non-finite, constant and missing prices)", () => {
    const base = panel.prices.get("STY")!;
    const odd = withSeries(panel, {
      TINY: Float64Array.from(base, (price, t) => (t === DAYS - 10 ? 1e-310 : price)), // the next return overflows
      FLAT: Float64Array.from(base, (price, t) => (t >= DAYS - 100 ? 5 : price)),
      NEG: Float64Array.from(base, (price, t) => (t === DAYS - 4 ? -1 : price)),
      INF: Float64Array.from(base, (price, t) => (t === DAYS - 30 ? Infinity : price)),
    });
    const symbols = ["TINY", "FLAT", "NEG", "INF", "STY"];
    const batched = computeSymbolFactors({ panel: odd, calcDate, symbols });
    expect(batched).toStrictEqual(computeSymbolFactors({ panel: odd, calcDate, symbols, batch: false }));
    expect(batched.failures.TINY).toMatchObject({ ridge: "Non-finite return for TINY in the window", spread: "Non-finite return for TINY in the window" });
    expect(batched.failures.FLAT).toMatchObject({ ridge: "Zero variance in FLAT returns over the window", market: "Zero variance in FLAT returns over the window" });
    expect(batched.exposures.FLAT["Growth-Value Spread"].n).toBe(180);
    expect(batched.exposures.NEG["Value"].n).toBe(89);
    expect(batched.exposures.INF["Market Beta (90D)"].n).toBe(89);
  });

  it("fails a symbol whose returns are finite but whose squares overflow, and computes the others", () => {
    const base = panel.prices.get("STY")!;
    // 1e-300 → 1e8 is a return of 1e308: finite, but its square is not, so no fit of it has a finite statistic.
    const huge = (price: number, t: number) => (t >= DAYS - 6 ? (t % 2 === 0 ? 1e-300 : 1e8) : price);
    const odd = withSeries(panel, {
      HUGE: Float64Array.from(base, huge),
      HUGEGAP: Float64Array.from(base, (price, t) => (t === DAYS - 40 ? Number.NaN : huge(price, t))), // its own window
    });
    const symbols = ["HUGE", "HUGEGAP", "STY"];
    const batched = computeSymbolFactors({ panel: odd, calcDate, symbols });
    expect(batched).toStrictEqual(computeSymbolFactors({ panel: odd, calcDate, symbols, batch: false }));
    for (const symbol of ["HUGE", "HUGEGAP"]) {
      for (const family of ["ridge", "spread", "market", "ir"]) {
        expect(batched.failures[symbol]).toMatchObject({ [family]: `Returns of ${symbol} too large to regress over the window` });
      }
      expect(batched.exposures[symbol] ?? {}).toEqual({});
    }
    expect(batched.exposures.STY["Value"].n).toBe(90);
  });

  it("does not mutate the panel and tolerates duplicate symbols", () => {
    const before = Array.from(panel.prices.get("MKT")!);
    const out = computeSymbolFactors({ panel, calcDate, symbols: ["MKT", "MKT"] });
    expect(Object.keys(out.exposures)).toEqual(["MKT"]);
    expect(Array.from(panel.prices.get("MKT")!)).toEqual(before);
    expect(listTestDates(2)).toEqual(["2025-01-01", "2025-01-02"]);
  });
});

describe("computeSymbolFactorTable: batched equals single fits to the last bit", () => {
  const COLUMNS = ["computed", "rawBeta", "rSquared", "standardError", "tStat", "pValue", "observations", "windowStart", "windowEnd"] as const;
  const bytesOf = (table: SymbolFactorTable, column: (typeof COLUMNS)[number]) => Buffer.from(table[column].buffer, table[column].byteOffset, table[column].byteLength);

  // 1,100 symbols (two blocks) with planted loadings; every 7th has gaps, one is halted, one has 20 prices, one has
  // none, and the second block holds another gapped, halted and missing one.
  const loadings = Array.from({ length: 1100 }, (_, i) => [`P${i}`, { loadings: { SPY: 0.5 + (i % 9) / 6, VTV: (i % 5) / 10 - 0.2, TLT: -(i % 3) / 10 }, noise: 0.003 + (i % 4) / 1000 }] as const);
  const { panel: wide } = buildPlantedPanel(DAYS, Object.fromEntries(loadings), 23);
  const prices = new Map(wide.prices);
  for (let i = 0; i < 1100; i += 7) prices.set(`P${i}`, Float64Array.from(prices.get(`P${i}`)!, (price, t) => ((t + i) % 11 === 0 ? Number.NaN : price)));
  prices.set("P1", new Float64Array(DAYS).fill(42));
  prices.set("P2", Float64Array.from(prices.get("P2")!, (price, t) => (t >= DAYS - 20 ? price : Number.NaN)));
  prices.delete("P3");
  prices.set("P1050", new Float64Array(DAYS).fill(7));
  prices.delete("P1051");
  const gappedPanel: PricePanel = { dates: wide.dates, prices };
  const symbols = loadings.map(([symbol]) => symbol);

  it("gives the same bytes in every column and the same failures", () => {
    const batched = computeSymbolFactorTable({ panel: gappedPanel, calcDate, symbols });
    const single = computeSymbolFactorTable({ panel: gappedPanel, calcDate, symbols, batch: false });
    for (const column of COLUMNS) expect(bytesOf(batched, column).equals(bytesOf(single, column)), column).toBe(true);
    expect(batched.failures).toStrictEqual(single.failures);
    expect(Object.keys(batched.failures).sort()).toEqual(["P1", "P1050", "P1051", "P2", "P3"]);
    const computed = batched.computed.reduce((sum, value) => sum + value, 0);
    expect(computed).toBe(1095 * COMPUTED_FACTORS.length);
    expect(batched.observations[1099 * COMPUTED_FACTORS.length]).toBeLessThan(90); // P1099: gapped, in the second block
    const gapped = batched.observations[7 * COMPUTED_FACTORS.length];
    expect(gapped).toBeLessThan(90);
  });

  it("is bitwise stable from run to run", () => {
    const first = computeSymbolFactorTable({ panel: gappedPanel, calcDate, symbols });
    const second = computeSymbolFactorTable({ panel: gappedPanel, calcDate, symbols });
    for (const column of COLUMNS) expect(bytesOf(first, column).equals(bytesOf(second, column)), column).toBe(true);
  });
});

describe("getFactorColumn", () => {
  it("finds each computed factor's column and refuses any other name", () => {
    expect(COMPUTED_FACTORS.map((factor) => getFactorColumn(factor.name))).toEqual(COMPUTED_FACTORS.map((_, column) => column));
    expect(() => getFactorColumn(PROVIDER_BETA_FACTOR)).toThrow(`"${PROVIDER_BETA_FACTOR}" is not a computed symbol factor`);
  });
});
