import { describe, expect, it } from "vitest";
import { derivePrivateSymbol, describePrivateNameProblem, privateDisplayName } from "./private-asset-name";
import { classifySymbol, isMarketDataSymbol, isPublicEquityPosition } from "../base/symbols";

const NAME = "Acme Private Credit Fund II, L.P.";

describe("private asset names", () => {
  it("accepts 1–100 printable characters with spaces and punctuation", () => {
    expect(describePrivateNameProblem(NAME)).toBeNull();
    expect(describePrivateNameProblem("Rental condo — Lisbon (50%) & parking #2")).toBeNull();
    expect(describePrivateNameProblem("x".repeat(100))).toBeNull();
    expect(describePrivateNameProblem("  ")).toBe("name is required for a private asset");
    expect(describePrivateNameProblem("x".repeat(101))).toBe("name must be at most 100 characters");
    expect(describePrivateNameProblem("Fund\u0007 II")).toBe("name may only hold printable characters (letters, digits, spaces and punctuation)");
    expect(describePrivateNameProblem("Line\nbreak")).toMatch(/printable/);
  });

  it("derives a stable private-shaped identifier of at most 32 characters", () => {
    const symbol = derivePrivateSymbol(NAME);
    expect(symbol).toMatch(/^PRIV_ACME_PRIVATE_CREDI_[0-9A-F]{8}$/);
    expect(symbol.length).toBeLessThanOrEqual(32);
    expect(derivePrivateSymbol(NAME)).toBe(symbol);
    expect(derivePrivateSymbol(`  acme private   credit fund ii, l.p. `)).toBe(symbol);
    expect(derivePrivateSymbol("Acme Private Credit Fund III, L.P.")).not.toBe(symbol);
    expect(derivePrivateSymbol("!!!")).toMatch(/^PRIV_[0-9A-F]{8}$/);
    expect(derivePrivateSymbol("x".repeat(100)).length).toBeLessThanOrEqual(32);
  });

  it("keeps an identifier typed as such and shows no separate name for it", () => {
    expect(derivePrivateSymbol("home_equity")).toBe("HOME_EQUITY");
    expect(derivePrivateSymbol("EQ5D6A2D8F")).toBe("EQ5D6A2D8F");
    expect(privateDisplayName("HOME_EQUITY")).toBeNull();
    expect(privateDisplayName(` ${NAME}`)).toBe(NAME);
  });

  it("is never a market-data symbol, whatever class the position claims (the one predicate decides)", () => {
    for (const name of [NAME, "Apple", "MSFT", "SPY fund"]) {
      const symbol = derivePrivateSymbol(name);
      expect(classifySymbol(symbol, "2026-11-30").kind).toBe("private");
      expect(isMarketDataSymbol(symbol, "2026-11-30")).toBe(false);
      expect(isPublicEquityPosition({ symbol, investmentClass: "PUBLIC", positionType: "LONG" }, "2026-11-30")).toBe(false);
    }
  });
});
