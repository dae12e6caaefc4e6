import { describe, expect, it } from "vitest";
import { buildExposuresCsv, buildStressCsv, csvCell, csvFilename } from "./build-portfolio-csv";
import type { PortfolioDetail } from "./get-portfolio-detail";
import { listFilteredSymbols } from "./get-symbol-admin";

const detail = {
  id: "p1", name: 'Growth, "Core"', calcDate: "2026-11-24",
  exposures: [{ factor: "Market Beta (90D)", beta: 1.05, dollar: 105000 }, { factor: "IR Beta", beta: null, dollar: null }],
  stress: [{ scenarioId: "market_down_10", name: "Market Decline 10%", category: "market", severity: "moderate", correlatedPnl: -9800.5, directPnl: -10500, pctOfEquity: -0.0980051234 }],
} as unknown as PortfolioDetail;

describe("portfolio CSV", () => {
  it("quotes cells with commas and quotes", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });
  it("neutralises text cells a spreadsheet would run as a formula, and keeps numbers numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const text of ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(text).replace(/^"/, "").startsWith("'"), JSON.stringify(text)).toBe(true);
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-9800.5)).toBe("-9800.5");
    const named = { ...detail, name: '=HYPERLINK("http://evil.example","x")' } as PortfolioDetail;
    const rows = buildExposuresCsv(named).split("\r\n");
    expect(rows[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",2026-11-24,Market Beta (90D),1.05,105000`);
    expect(buildStressCsv(named).split("\r\n")[1]).toContain(",-9800.5,-10500,-0.098005");
  });
  it("exports exposures and stress rows with headers", () => {
    expect(buildExposuresCsv(detail)).toBe(
      'portfolio,calculation_date,factor,beta,exposure_usd\r\n"Growth, ""Core""",2026-11-24,Market Beta (90D),1.05,105000\r\n"Growth, ""Core""",2026-11-24,IR Beta,,\r\n');
    const stress = buildStressCsv(detail).split("\r\n");
    expect(stress[1]).toBe('"Growth, ""Core""",2026-11-24,market_down_10,Market Decline 10%,market,moderate,-9800.5,-10500,-0.098005');
    expect(csvFilename(detail, "stress")).toBe("growth-core-stress-2026-11-24.csv");
  });
});

describe("filtered symbols", () => {
  it("lists every non-public position symbol with its rule", () => {
    const rows = listFilteredSymbols([{ symbol: "AAPL", positions: 2 }, { symbol: "HOME_EQUITY", positions: 1 }, { symbol: "FO_PRIVATE_CREDIT", positions: 1 }, { symbol: "EQ5D6A2D8F", positions: 1 }], "2026-11-24");
    expect(rows.map((row) => [row.symbol, row.kind])).toEqual([["FO_PRIVATE_CREDIT", "private"], ["EQ5D6A2D8F", "synthetic"], ["HOME_EQUITY", "synthetic"]]);
    expect(rows[0].rule).toBe("FO_/EQ_ prefix");
  });
});
