import { describe, expect, it } from "vitest";
import { createPortfolioSchema, describePortfolioInputProblems, parsePositionsCsv } from "./portfolio";

describe("parsePositionsCsv", () => {
  it("parses a header, optional columns and skips blank lines", () => {
    const { positions, errors } = parsePositionsCsv("symbol,quantity,entry_price,entry_date\naapl,10,150.5,2026-01-05\n\nTSLA,-5,200,2026-01-06,SHORT\nHOME_EQUITY,1,500000,2025-12-01,LONG,private\n");
    expect(errors).toEqual([]);
    expect(positions).toEqual([
      { symbol: "AAPL", quantity: 10, entryPrice: 150.5, entryDate: "2026-01-05" },
      { symbol: "TSLA", quantity: -5, entryPrice: 200, entryDate: "2026-01-06", positionType: "SHORT" },
      { symbol: "HOME_EQUITY", quantity: 1, entryPrice: 500000, entryDate: "2025-12-01", positionType: "LONG", investmentClass: "PRIVATE" },
    ]);
  });
  it("reports one error per bad line with its line number", () => {
    const { positions, errors } = parsePositionsCsv("AAPL,10,150,2026-01-05\nMSFT,abc,300,2026-01-05\nNVDA,5,-1,2026-02-30\nX,1\nIBM,1,100,2026-01-05,HOLD");
    expect(positions).toHaveLength(1);
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5]);
    expect(errors[0].message).toContain("quantity");
    expect(errors[1].message).toContain("entry_price must be positive");
    expect(errors[1].message).toContain("entry_date must be a real date written YYYY-MM-DD");
    expect(errors[2].message).toContain("expected 4 to 6 columns");
    expect(errors[3].message).toContain("position_type must be one of");
  });
});

describe("createPortfolioSchema", () => {
  it("requires a name, positive equity and a position", () => {
    const result = createPortfolioSchema.safeParse({ name: " ", startingEquity: 0, positions: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(["name", "startingEquity", "positions"]);
  });
});

describe("portfolio bounds", () => {
  it("refuses the hostile book in a CSV with one sentence per bad line and field", () => {
    const { positions, errors } = parsePositionsCsv("AAPL,1000000,150,2026-01-05\nAAPL,-1000000001,150,2026-01-05\nMSFT,10,10000000.01,2026-01-05\nNVDA,0,5,2026-01-05");
    expect(positions).toHaveLength(1);
    expect(errors).toEqual([
      { line: 2, message: "quantity must be at most 1,000,000,000 (long or short)" },
      { line: 3, message: "entry_price must be at most 10,000,000" },
      { line: 4, message: "quantity must not be 0" },
    ]);
  });

  it("describes every bad field of a portfolio in its own sentence", () => {
    expect(describePortfolioInputProblems({
      name: "Hostile", startingEquity: 0.01,
      positions: [{ symbol: "AAPL", quantity: 2e9, entryPrice: 1e8, entryDate: "2026-01-05" }],
    })).toEqual([
      "Starting equity must be at least 1.",
      "Position 1 (AAPL): quantity must be at most 1,000,000,000 (long or short).",
      "Position 1 (AAPL): entry_price must be at most 10,000,000.",
    ]);
    expect(describePortfolioInputProblems({ name: "Max", startingEquity: 1e12, positions: [{ symbol: "AAPL", quantity: -1e9, entryPrice: 1e7, entryDate: "2026-01-05" }] })).toEqual([]);
    expect(describePortfolioInputProblems({ name: "Too big", startingEquity: 1e12 + 1, positions: [] })).toEqual([
      "Starting equity must be at most 1,000,000,000,000.", "Add at least one position.",
    ]);
  });
});
