import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePositionsCsv } from "./positions-csv";

/** Issue 8: CSV uploads with odd encodings never crash the parser, and every rejected line says why. */
describe("parsePositionsCsv under arbitrary input", () => {
  const oddText = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.array(fc.constantFrom("AAPL", "10", "-5", "1e308", "NaN", "2026-01-05", "2026-02-30", "\uFEFF", "\r", "\u0000", "é", ",", ";", "\t", "\"", "LONG", "private"), { maxLength: 30 }).map((parts) => parts.join(",")),
  );

  it("returns positions and row-numbered errors, never throws", () => {
    fc.assert(fc.property(fc.array(oddText, { maxLength: 8 }), fc.constantFrom("\n", "\r\n", "\r"), (lines, newline) => {
      const text = lines.join(newline);
      const { positions, errors } = parsePositionsCsv(text);
      for (const error of errors) {
        expect(Number.isInteger(error.row) && error.row >= 1).toBe(true);
        expect(error.message.length).toBeGreaterThan(0);
      }
      for (const position of positions) {
        expect(Number.isFinite(position.quantity) && position.quantity !== 0).toBe(true);
        expect(Number.isFinite(position.entryPrice) && position.entryPrice > 0).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it("accepts a UTF-8 byte-order mark and Windows line endings", () => {
    const { positions, errors } = parsePositionsCsv("\uFEFFsymbol,quantity,entry_price,entry_date\r\nAAPL,10,150,2026-01-05\r\n");
    expect(errors).toEqual([]);
    expect(positions).toEqual([{ symbol: "AAPL", quantity: 10, entryPrice: 150, entryDate: "2026-01-05" }]);
  });
});
