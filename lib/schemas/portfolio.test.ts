import { describe, expect, it } from "vitest";
import { createPortfolioSchema, describePortfolioInputProblems, positionInputSchema } from "./portfolio";
import { parsePositionsCsv } from "./positions-csv";

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
    expect(errors.map((error) => error.row)).toEqual([2, 3, 3, 4, 5]);
    expect(errors[0]).toEqual({ row: 2, field: "quantity", message: "quantity must be a number" });
    expect(errors[1]).toEqual({ row: 3, field: "entry price", message: "entry price must be positive" });
    expect(errors[2]).toEqual({ row: 3, field: "entry date", message: "entry date must be a real date written YYYY-MM-DD" });
    expect(errors[3]).toMatchObject({ row: 4, field: null, message: expect.stringContaining("expected 4 to 6 columns") });
    expect(errors[4]).toMatchObject({ row: 5, field: "position type", message: expect.stringContaining("position type must be one of") });
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
      { row: 2, field: "quantity", message: "quantity must be at most 1,000,000,000 (long or short)" },
      { row: 3, field: "entry price", message: "entry price must be at most 10,000,000" },
      { row: 4, field: "quantity", message: "quantity must not be 0" },
    ]);
  });

  it("describes every bad field of a portfolio in its own sentence", () => {
    expect(describePortfolioInputProblems({
      name: "Hostile", startingEquity: 0.01,
      positions: [{ symbol: "AAPL", quantity: 2e9, entryPrice: 1e8, entryDate: "2026-01-05" }],
    })).toEqual([
      "Starting equity must be at least 1.",
      "Position 1 (AAPL): quantity must be at most 1,000,000,000 (long or short).",
      "Position 1 (AAPL): entry price must be at most 10,000,000.",
    ]);
    expect(describePortfolioInputProblems({ name: "Max", startingEquity: 1e12, positions: [{ symbol: "AAPL", quantity: -1e9, entryPrice: 1e7, entryDate: "2026-01-05" }] })).toEqual([]);
    expect(describePortfolioInputProblems({ name: "Too big", startingEquity: 1e12 + 1, positions: [] })).toEqual([
      "Starting equity must be at most 1,000,000,000,000.", "Add at least one position.",
    ]);
  });
});

describe("RFC 4180 CSV and private names", () => {
  const NAME = "Acme Private Credit Fund II, L.P.";

  it("reads quoted cells: commas, doubled quotes and line breaks inside a private asset's name", () => {
    const text = [
      "symbol,quantity,entry_price,entry_date,position_type,investment_class",
      `"${NAME}",1,2500000,2026-11-02,LONG,PRIVATE`,
      `"The ""Blue"" Barn, Vermont",1,400000,2026-11-02,,PRIVATE`,
      `"MSFT",10,"1,000.50",2026-11-02`,
    ].join("\r\n");
    const { positions, errors } = parsePositionsCsv(text);
    expect(errors).toEqual([]);
    expect(positions).toEqual([
      { symbol: expect.stringMatching(/^PRIV_ACME_PRIVATE_CREDI_[0-9A-F]{8}$/), name: NAME, quantity: 1, entryPrice: 2_500_000, entryDate: "2026-11-02", positionType: "LONG", investmentClass: "PRIVATE" },
      { symbol: expect.stringMatching(/^PRIV_THE_BLUE_BARN_VERM_[0-9A-F]{8}$/), name: 'The "Blue" Barn, Vermont', quantity: 1, entryPrice: 400_000, entryDate: "2026-11-02", investmentClass: "PRIVATE" },
      { symbol: "MSFT", quantity: 10, entryPrice: 1000.5, entryDate: "2026-11-02" },
    ]);
  });

  it("an unquoted name with commas is refused with its row and a hint, never silently split", () => {
    const { positions, errors } = parsePositionsCsv(`symbol,quantity,entry_price,entry_date\n${NAME},1,100,2026-11-02,LONG,PRIVATE\n"unterminated,1,100,2026-11-02`);
    expect(positions).toEqual([]);
    expect(errors[0]).toMatchObject({ row: 2, field: null, message: expect.stringContaining("quote a name that holds commas") });
    expect(errors[1]).toMatchObject({ row: 3, field: null });
  });

  it("a private name is 1–100 printable characters; a listed ticker keeps its rules and points to PRIVATE", () => {
    const base = { quantity: 1, entryPrice: 100, entryDate: "2026-11-02" };
    expect(positionInputSchema.parse({ ...base, symbol: NAME, investmentClass: "PRIVATE" })).toMatchObject({ name: NAME });
    const long = positionInputSchema.safeParse({ ...base, symbol: "x".repeat(101), investmentClass: "PRIVATE" });
    expect(long.error?.issues).toEqual([expect.objectContaining({ path: ["symbol"], message: "name must be at most 100 characters" })]);
    const control = positionInputSchema.safeParse({ ...base, symbol: "Fund\u0001", investmentClass: "PRIVATE" });
    expect(control.error?.issues[0].message).toMatch(/printable/);
    const listed = positionInputSchema.safeParse({ ...base, symbol: NAME });
    expect(listed.error?.issues[0]).toMatchObject({ path: ["symbol"], message: expect.stringContaining("choose class PRIVATE") });
    // A parsed position parses again to itself (the API and the onboarding check both parse it).
    const once = positionInputSchema.parse({ ...base, symbol: NAME, investmentClass: "PRIVATE" });
    expect(positionInputSchema.parse(once)).toEqual(once);
    expect(positionInputSchema.parse({ ...base, symbol: "home_equity", investmentClass: "PRIVATE" })).toEqual({ ...base, symbol: "HOME_EQUITY", investmentClass: "PRIVATE" });
  });
});
