import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  classifySymbol,
  createPublicEquityPredicate,
  fromProviderSymbol,
  isExpiredOption,
  isMarketDataSymbol,
  isPrivateClass,
  isPrivateHolding,
  isPrivateSymbol,
  isPublicClass,
  isPublicEquityPosition,
  normalizeSymbol,
  optionMultiplier,
  parseOccOption,
  SYNTHETIC_SYMBOLS,
  toProviderSymbol,
  type PositionLike,
} from "./symbols";

const AS_OF = "2025-09-20";

describe("normalizeSymbol and provider forms", () => {
  it("trims and upper-cases", () => {
    expect(normalizeSymbol("  brk.b \n")).toBe("BRK.B");
    expect(normalizeSymbol("aapl")).toBe("AAPL");
    expect(normalizeSymbol("")).toBe("");
  });

  it("maps class shares between storage (BRK.B) and provider (BRK-B) forms", () => {
    expect(toProviderSymbol("BRK.B")).toBe("BRK-B");
    expect(toProviderSymbol(" bf.b ")).toBe("BF-B");
    expect(toProviderSymbol("AAPL")).toBe("AAPL");
    expect(fromProviderSymbol("BRK-B")).toBe("BRK.B");
    expect(fromProviderSymbol("bf-b")).toBe("BF.B");
    expect(fromProviderSymbol("AAPL")).toBe("AAPL");
  });

  it("treats only a single trailing letter after a dash as a class separator", () => {
    expect(fromProviderSymbol("BTC-USD")).toBe("BTC-USD");
    expect(fromProviderSymbol("XYZ-WS")).toBe("XYZ-WS");
    expect(fromProviderSymbol("ABC-1")).toBe("ABC-1");
    expect(fromProviderSymbol("A-B-C")).toBe("A-B-C");
  });
});

describe("isPrivateSymbol (R32)", () => {
  it.each(["HOME_EQUITY", "FO_PRIVATE_CREDIT", "BX_PRIVATE_EQUITY", "MONEY_MARKET", "A16Z_VC_FUND", "EQ5D6A2D8F", "eq5d6a2d8f", "EQ0123456789ABCDEF"])(
    "%s is private",
    (symbol) => expect(isPrivateSymbol(symbol)).toBe(true),
  );

  it.each(["EQIX", "EQR", "EQT", "EQ5D6A2D8", "AAPL", "BRK.B", "EQ5D6A2D8G"])("%s is not private", (symbol) => {
    expect(isPrivateSymbol(symbol)).toBe(false);
  });
});

describe("parseOccOption and isExpiredOption (R32)", () => {
  it("parses root, expiry, type and strike", () => {
    expect(parseOccOption("SPY250919C00460000")).toEqual({ root: "SPY", expiry: "2025-09-19", type: "C", strike: 460 });
    expect(parseOccOption("aapl260116p00187500")).toEqual({ root: "AAPL", expiry: "2026-01-16", type: "P", strike: 187.5 });
  });

  it("returns null for non-options and impossible expiry dates", () => {
    expect(parseOccOption("SPY")).toBeNull();
    expect(parseOccOption("SPY251399C00460000")).toBeNull(); // month 13
    expect(parseOccOption("SPY250231C00460000")).toBeNull(); // 31 February
    expect(parseOccOption("SPY250919X00460000")).toBeNull();
    expect(parseOccOption("SPY1250919C00460000")).toBeNull(); // digits in the root
  });

  it("is expired only strictly after the expiry date", () => {
    expect(isExpiredOption("SPY250919C00460000", "2025-09-19")).toBe(false);
    expect(isExpiredOption("SPY250919C00460000", "2025-09-20")).toBe(true);
    expect(isExpiredOption("SPY251399C00460000", "2030-01-01")).toBe(false);
    expect(isExpiredOption("AAPL", "2030-01-01")).toBe(false);
  });

  it("rejects a malformed asOf with an exact message", () => {
    expect(() => isExpiredOption("SPY250919C00460000", "2025-9-20")).toThrow(
      'isExpiredOption requires asOf as an ISO date YYYY-MM-DD, got "2025-9-20"',
    );
  });
});

describe("classifySymbol", () => {
  it.each([
    ["", "invalid", "empty symbol"],
    ["   ", "invalid", "empty symbol"],
    ["HOME_EQUITY", "synthetic", "synthetic list (non-market placeholder)"],
    ["EQ5D6A2D8F", "synthetic", "synthetic list (non-market placeholder)"],
    ["FO_PRIVATE_CREDIT", "private", "FO_/EQ_ prefix"],
    ["EQ_GROWTH_FUND", "private", "FO_/EQ_ prefix"],
    ["PRIVATE_CREDIT_FUND", "private", "contains an underscore (private asset)"],
    ["eq1234abcd99", "private", "internal id pattern ^EQ[A-F0-9]{8,}$"],
    ["SPY250919C00460000", "expired_option", "OCC option expired 2025-09-19"],
    ["SPY251219P00400000", "option", "OCC option expiring 2025-12-19"],
    ["SPY251399C00460000", "invalid", "option-shaped (OCC suffix) but not a valid OCC symbol"],
    ["SPY   250919C00460000", "invalid", "option-shaped (OCC suffix) but not a valid OCC symbol"],
    ["BRK/B", "invalid", "not a ticker (allowed: A-Z, 0-9, '.', '-')"],
    ["EQIX", "public", "no exclusion rule matched (public equity or ETF)"],
    ["eqr", "public", "no exclusion rule matched (public equity or ETF)"],
    ["EQT", "public", "no exclusion rule matched (public equity or ETF)"],
    ["BRK.B", "public", "no exclusion rule matched (public equity or ETF)"],
  ])("%j → %s", (symbol, kind, rule) => {
    expect(classifySymbol(symbol, AS_OF)).toEqual({ kind, rule });
  });

  it("classifies every synthetic symbol as synthetic, and each is also private-shaped", () => {
    expect(SYNTHETIC_SYMBOLS.size).toBe(12);
    for (const symbol of SYNTHETIC_SYMBOLS) {
      expect(classifySymbol(symbol, AS_OF).kind).toBe("synthetic");
      expect(isPrivateSymbol(symbol)).toBe(true);
    }
  });

  it("rejects a malformed asOf with an exact message", () => {
    expect(() => classifySymbol("AAPL", "")).toThrow('classifySymbol requires asOf as an ISO date YYYY-MM-DD, got ""');
  });
});

describe("isMarketDataSymbol", () => {
  it("admits only public equities and ETFs", () => {
    for (const symbol of ["AAPL", "SPY", "EQIX", "EQR", "EQT", "BRK.B"]) expect(isMarketDataSymbol(symbol, AS_OF)).toBe(true);
    for (const symbol of ["", "HOME_EQUITY", "EQ_X", "EQ5D6A2D8F", "eq5d6a2d8f", "SPY250919C00460000", "SPY251219P00400000"]) {
      expect(isMarketDataSymbol(symbol, AS_OF)).toBe(false);
    }
  });
});

describe("optionMultiplier", () => {
  it("is 100 for LC/LP/SC/SP and 1 otherwise", () => {
    for (const type of ["LC", "LP", "SC", "SP", "lc"]) expect(optionMultiplier(type)).toBe(100);
    for (const type of ["LONG", "SHORT", ""]) expect(optionMultiplier(type)).toBe(1);
  });
});

describe("investment classes", () => {
  it("counts PUBLIC and a missing class as public, in any case and padding", () => {
    for (const cls of ["PUBLIC", "public", " Public ", null, undefined]) expect(isPublicClass(cls)).toBe(true);
    for (const cls of ["PRIVATE", "OPTIONS", "", "PUBLICX"]) expect(isPublicClass(cls)).toBe(false);
  });

  it("counts only PRIVATE as private", () => {
    for (const cls of ["PRIVATE", "private", " Private "]) expect(isPrivateClass(cls)).toBe(true);
    for (const cls of ["PUBLIC", "OPTIONS", "", null, undefined]) expect(isPrivateClass(cls)).toBe(false);
  });

  it("holds a private-shaped symbol private whatever its class, and a listed symbol private only by class", () => {
    expect(isPrivateHolding("HOME_EQUITY", "PUBLIC")).toBe(true);
    expect(isPrivateHolding("EQ5D6A2D8F", null)).toBe(true);
    expect(isPrivateHolding("AAPL", "PRIVATE")).toBe(true);
    expect(isPrivateHolding("AAPL", "PUBLIC")).toBe(false);
    expect(isPrivateHolding("AAPL", "OPTIONS")).toBe(false);
  });
});

describe("isPublicEquityPosition (R16)", () => {
  const base: PositionLike = { symbol: "AAPL", investmentClass: "PUBLIC", positionType: "LONG", deletedAt: null, exitDate: null };
  const check = (overrides: Partial<PositionLike>) => isPublicEquityPosition({ ...base, ...overrides }, AS_OF);

  it("accepts PUBLIC and NULL class, long and short", () => {
    expect(check({})).toBe(true);
    expect(check({ investmentClass: null })).toBe(true);
    expect(check({ positionType: "SHORT" })).toBe(true);
    expect(isPublicEquityPosition({ symbol: "MSFT", investmentClass: null, positionType: "LONG" }, AS_OF)).toBe(true);
  });

  it("rejects PRIVATE and OPTIONS classes", () => {
    expect(check({ investmentClass: "PRIVATE" })).toBe(false);
    expect(check({ investmentClass: "OPTIONS" })).toBe(false);
  });

  it("rejects deleted positions", () => {
    expect(check({ deletedAt: new Date("2025-01-01T00:00:00Z") })).toBe(false);
    expect(check({ deletedAt: "2025-01-01T00:00:00Z" })).toBe(false);
  });

  it("rejects positions exited on or before asOf", () => {
    expect(check({ exitDate: "2025-09-19" })).toBe(false);
    expect(check({ exitDate: AS_OF })).toBe(false);
    expect(check({ exitDate: "2025-09-21" })).toBe(true);
  });

  it("rejects option-shaped positions", () => {
    for (const positionType of ["LC", "LP", "SC", "SP"]) expect(check({ positionType })).toBe(false);
    expect(check({ symbol: "SPY251219P00400000" })).toBe(false);
    expect(check({ symbol: "SPY250919C00460000" })).toBe(false);
  });

  it("rejects private-shaped and synthetic symbols even with class PUBLIC or NULL", () => {
    for (const symbol of ["HOME_EQUITY", "FO_PRIVATE_CREDIT", "BX_PRIVATE_EQUITY", "EQ5D6A2D8F", "eq5d6a2d8f", ""]) {
      expect(check({ symbol })).toBe(false);
      expect(check({ symbol, investmentClass: null })).toBe(false);
    }
  });

  it("rejects a malformed exitDate or asOf with an exact message", () => {
    expect(() => check({ exitDate: "2025-09-21T00:00:00Z" })).toThrow(
      'isPublicEquityPosition requires exitDate as an ISO date YYYY-MM-DD, got "2025-09-21T00:00:00Z"',
    );
    expect(() => isPublicEquityPosition(base, "today")).toThrow(
      'isPublicEquityPosition requires asOf as an ISO date YYYY-MM-DD, got "today"',
    );
  });

  it("does not mutate the position", () => {
    const position = { ...base, symbol: " aapl " };
    const copy = structuredClone(position);
    isPublicEquityPosition(position, AS_OF);
    expect(position).toEqual(copy);
  });
});

describe("symbol properties (fast-check)", () => {
  const tickerPart = fc.stringMatching(/^[A-Z]{1,5}$/);

  it("normalizeSymbol is idempotent", () => {
    fc.assert(fc.property(fc.string(), (raw) => normalizeSymbol(normalizeSymbol(raw)) === normalizeSymbol(raw)));
  });

  it("class shares round-trip through the provider form", () => {
    fc.assert(
      fc.property(tickerPart, fc.stringMatching(/^[A-Z]$/), (root, share) => {
        const stored = `${root}.${share}`;
        expect(toProviderSymbol(stored)).toBe(`${root}-${share}`);
        expect(fromProviderSymbol(toProviderSymbol(stored))).toBe(stored);
        expect(fromProviderSymbol(toProviderSymbol(root))).toBe(root);
      }),
    );
  });

  it("a market-data symbol is never private-shaped nor an option", () => {
    fc.assert(
      fc.property(fc.oneof(tickerPart, fc.string({ maxLength: 20 })), (symbol) => {
        if (isMarketDataSymbol(symbol, AS_OF)) {
          expect(isPrivateSymbol(symbol)).toBe(false);
          expect(parseOccOption(symbol)).toBeNull();
          expect(SYNTHETIC_SYMBOLS.has(normalizeSymbol(symbol))).toBe(false);
        }
      }),
    );
  });
});

describe("createPublicEquityPredicate", () => {
  it("answers exactly as isPublicEquityPosition, also when asked twice", () => {
    const position = fc.record({
      symbol: fc.constantFrom("AAPL", "HOME_EQUITY", "EQ5D6A2D8F", "SPY250919C00460000", "BRK.B", "FO_X", ""),
      investmentClass: fc.constantFrom(null, "PUBLIC", "PRIVATE", "OPTIONS", "public"),
      positionType: fc.constantFrom("LONG", "SHORT", "LC", "SP"),
      deletedAt: fc.constantFrom(null, undefined, "2025-01-01T00:00:00Z"),
      exitDate: fc.constantFrom(null, undefined, "2025-09-19", "2025-09-20", "2025-09-21"),
    });
    fc.assert(fc.property(fc.array(position, { maxLength: 20 }), (positions) => {
      const cached = createPublicEquityPredicate(AS_OF);
      for (const item of [...positions, ...positions]) {
        expect(cached(item as PositionLike)).toBe(isPublicEquityPosition(item as PositionLike, AS_OF));
      }
    }));
  });
});
