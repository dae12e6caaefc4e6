import { describe, expect, it } from "vitest";
import { computeFactorsFromCsv, parsePriceCsv, PRICE_CSV_HEADER, REGRESSOR_ETFS } from "./factors-from-csv";
import { computeSymbolFactors } from "./symbol-factors/compute-symbol-factors";
import { buildPlantedPanel } from "@/lib/testing/planted-factor-panel";
import type { PricePanel } from "./symbol-factors/factor-window";

/** Long CSV of a panel: close = 1.01 × the panel price, adj_close = the price, except every 3rd row of AAA gives only close. */
function panelToCsv(panel: PricePanel): string {
  const lines = [PRICE_CSV_HEADER];
  for (const [symbol, prices] of panel.prices) {
    panel.dates.forEach((date, t) => {
      if (Number.isNaN(prices[t])) return;
      const closeOnly = t % 3 === 0 && symbol === "AAA";
      lines.push(closeOnly ? `${symbol},${date},${prices[t]},` : `${symbol},${date},${prices[t] * 1.01},${prices[t]}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

const { panel } = buildPlantedPanel(200, { AAA: { loadings: { SPY: 1.1 }, noise: 0.005 }, BBB: { loadings: { VTV: 0.7 }, noise: 0.005 } });
const calcDate = panel.dates[199];

describe("parsePriceCsv", () => {
  it("builds the panel from adj_close, falling back to close, with NaN for missing dates", () => {
    const parsed = parsePriceCsv(`\uFEFF${PRICE_CSV_HEADER}\r\nspy,2025-01-02,10,9.5\r\nSPY,2025-01-03,11,\r\n\r\nAAA, 2025-01-03 ,5,4\r\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.panel.dates).toEqual(["2025-01-02", "2025-01-03"]);
    expect(Array.from(parsed.panel.prices.get("SPY")!)).toEqual([9.5, 11]);
    expect(Array.from(parsed.panel.prices.get("AAA")!)).toEqual([Number.NaN, 4]);
    expect(parsed.symbols).toEqual(["AAA", "SPY"]);
  });

  it("reports a bad header on line 1", () => {
    expect(parsePriceCsv("ticker,date,close\nAAA,2025-01-02,1,1")).toEqual({
      ok: false,
      errors: [{ line: 1, message: `expected the header "${PRICE_CSV_HEADER}", got "ticker,date,close"` }],
    });
  });

  it("reports every malformed line with its number", () => {
    const csv = [
      PRICE_CSV_HEADER,
      "AAA,2025-01-02,10,10",
      "AAA,2025-01-03,10",
      "AAA,2025-02-30,10,10",
      "AAA,2025-01-04,abc,",
      "AAA,2025-01-05,-1,2",
      "AAA,2025-01-06,10,0",
      ",2025-01-07,10,10",
      "AAA,2025-01-02,11,11",
      "AAA,2025-01-08,1e400,",
    ].join("\n");
    const parsed = parsePriceCsv(csv);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 3, message: "expected 4 columns (symbol,date,close,adj_close), got 3" },
        { line: 4, message: 'date must be a real date written YYYY-MM-DD, got "2025-02-30"' },
        { line: 5, message: 'close must be a positive number, got "abc"' },
        { line: 6, message: 'close must be a positive number, got "-1"' },
        { line: 7, message: 'adj_close must be a positive number, got "0"' },
        { line: 8, message: "symbol is empty" },
        { line: 9, message: "duplicate row for AAA on 2025-01-02 (first on line 2)" },
        { line: 10, message: 'close must be a positive number, got "1e400"' },
      ],
    });
  });
});

describe("computeFactorsFromCsv", () => {
  const result = computeFactorsFromCsv(panelToCsv(panel), calcDate);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { document } = result;

  it("outputs only non-ETF symbols, 12 factors in display order, no Provider Beta", () => {
    expect(Object.keys(document.symbols)).toEqual(["AAA", "BBB"]);
    expect(Object.keys(document.symbols.AAA)).toEqual([
      "Market Beta (90D)", "IR Beta", "Momentum", "Value", "Growth", "Size", "Quality", "Low Volatility",
      "Growth-Value Spread", "Momentum Spread", "Size Spread", "Quality Spread",
    ]);
    expect([...REGRESSOR_ETFS].sort()).toEqual(["IWM", "MTUM", "QUAL", "SPY", "TLT", "USMV", "VTV", "VUG"]);
    expect(document.calcDate).toBe(calcDate);
    expect(document.failures).toEqual({});
  });

  it("gives OLS factors SE, t and p and ridge factors only beta, R², n and capped", () => {
    expect(Object.keys(document.symbols.AAA["Market Beta (90D)"])).toEqual(["beta", "rSquared", "n", "capped", "standardError", "tStat", "pValue"]);
    expect(Object.keys(document.symbols.AAA.Value)).toEqual(["beta", "rSquared", "n", "capped"]);
    expect(document.symbols.AAA["Market Beta (90D)"].beta).toBeCloseTo(1.1, 1);
  });

  it("matches the engine on the same panel (adj_close preferred over close)", () => {
    const engine = computeSymbolFactors({ panel, calcDate, symbols: ["AAA", "BBB"] });
    expect(document.symbols.BBB.Value.beta).toBe(engine.exposures.BBB.Value.beta);
    expect(document.symbols.AAA["IR Beta"].pValue).toBe(engine.exposures.AAA["IR Beta"].pValue);
  });

  it("reports failures per symbol and passes CSV errors through", () => {
    const short = `${PRICE_CSV_HEADER}\nZZZ,2025-01-02,1,1\n`;
    const out = computeFactorsFromCsv(short, "2025-01-02");
    expect(out).toMatchObject({ ok: true, document: { symbols: { ZZZ: {} } } });
    if (out.ok) expect(out.document.failures.ZZZ.market).toBe("Benchmark window incomplete: 0 dates with prices for all of SPY (need 91)");
    expect(computeFactorsFromCsv("nope", "2025-01-02").ok).toBe(false);
  });
});
