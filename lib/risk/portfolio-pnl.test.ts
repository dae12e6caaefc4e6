import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { computeConcentration } from "./portfolio-pnl-concentration";
import { computePortfolioPnl, type PnlPositionInput, type PortfolioPnlInput } from "./portfolio-pnl";
import { toCents } from "./stress-engine-cents";

const DATE = "2026-03-10";

function position(overrides: Partial<PnlPositionInput> & Pick<PnlPositionInput, "id" | "symbol" | "quantity" | "entryPrice">): PnlPositionInput {
  return { positionType: overrides.quantity < 0 ? "SHORT" : "LONG", investmentClass: "PUBLIC", entryDate: "2026-01-05", exitDate: null, deleted: false, marketValueUsd: null, ...overrides };
}

const BOOK: PnlPositionInput[] = [
  position({ id: "aapl", symbol: "AAPL", quantity: 100, entryPrice: 150 }),
  position({ id: "tsla", symbol: "TSLA", quantity: -50, entryPrice: 250, entryDate: "2026-02-01" }),
  position({ id: "call", symbol: "AAPL260320C00185000", quantity: 2, entryPrice: 3.4, positionType: "LC", investmentClass: "OPTIONS", entryDate: "2026-03-02" }),
  position({ id: "spy-exited", symbol: "SPY", quantity: 10, entryPrice: 500, entryDate: "2026-01-02", exitDate: "2026-03-06" }),
  position({ id: "msft-new", symbol: "MSFT", quantity: 20, entryPrice: 400.25, entryDate: DATE }),
  position({ id: "nvda-stale", symbol: "NVDA", quantity: 30, entryPrice: 100, investmentClass: null }),
  position({ id: "deleted", symbol: "AMZN", quantity: 5, entryPrice: 100, deleted: true }),
  position({ id: "future", symbol: "GOOG", quantity: 5, entryPrice: 100, entryDate: "2026-03-11" }),
];

const CLOSES = new Map([["AAPL", 182.35], ["TSLA", 243.17], ["AAPL260320C00185000", 4.15], ["SPY", 510], ["MSFT", 405], ["AMZN", 200], ["GOOG", 150]]);
const PREVIOUS = new Map([["AAPL", 180.1], ["TSLA", 240], ["AAPL260320C00185000", 3.95], ["SPY", 505], ["NVDA", 120.5], ["AMZN", 190]]);

const INPUT: PortfolioPnlInput = {
  date: DATE,
  previousDate: "2026-03-09",
  previousEquityUsd: 100_000,
  previousSnapshot: { cumulativePnlUsd: 1_200.1, cumulativeRealizedPnlUsd: 300, cumulativeCapitalFlowUsd: 10_000 },
  positions: BOOK,
  closesOnDate: CLOSES,
  previousCloses: PREVIOUS,
  realizedPnlUsd: 312.4,
  capitalFlowUsd: 4_000,
  marketBetas: new Map([["AAPL", 1.2], ["TSLA", 2.0], ["MSFT", 0.9]]),
};

describe("computePortfolioPnl, hand-worked long/short book with an option", () => {
  const result = computePortfolioPnl(INPUT);

  it("values the active positions in the input's order (Phase 4 pairs valuations with its rows by walking both)", () => {
    expect(result.positions.map((v) => v.positionId)).toEqual(["aapl", "tsla", "call", "msft-new", "nvda-stale"]);
  });

  it("computes daily P&L over active positions only", () => {
    // AAPL (182.35 − 180.10) × 100 = 225.00; TSLA (243.17 − 240.00) × −50 = −158.50;
    // call (4.15 − 3.95) × 2 × 100 = 40.00; MSFT entered today (405.00 − 400.25) × 20 = 95.00;
    // NVDA no close today → 0; SPY exited 03-06, deleted AMZN and future GOOG → excluded.
    expect(result.dailyUnrealizedPnl).toBe(201.5);
    expect(result.dailyRealizedPnl).toBe(312.4);
    expect(result.dailyCapitalFlow).toBe(4_000);
    expect(result.dailyPnl).toBe(513.9);
    expect(result.newEquity).toBe(104_513.9);
    expect(result.dailyReturn).toBeCloseTo(0.005139, 15);
    expect(result.cumulativePnl).toBe(1_714);
    expect(result.cumulativeRealizedPnl).toBe(612.4);
    expect(result.cumulativeCapitalFlow).toBe(14_000);
  });

  it("values the book with carried-forward closes", () => {
    // Long: 18,235.00 + 830.00 + 8,100.00 + NVDA 30 × 120.50 = 3,615.00 → 30,780.00; short −12,158.50.
    expect(result.longValue).toBe(30_780);
    expect(result.shortValue).toBe(-12_158.5);
    expect(result.grossExposure).toBe(42_938.5);
    expect(result.netExposure).toBe(18_621.5);
    // Cash = 104,513.90 − 30,780.00 + 12,158.50.
    expect(result.cash).toBe(85_892.4);
    expect([result.numPositions, result.numLong, result.numShort]).toEqual([5, 4, 1]);
    expect(result.unpricedPositionIds).toEqual([]);
  });

  it("refreshes each active position's price, market value and unrealized P&L", () => {
    expect(result.positions).toEqual([
      { positionId: "aapl", symbol: "AAPL", lastPrice: 182.35, marketValue: 18_235, unrealizedPnl: 3_235, dailyPnl: 225 },
      { positionId: "tsla", symbol: "TSLA", lastPrice: 243.17, marketValue: -12_158.5, unrealizedPnl: 341.5, dailyPnl: -158.5 },
      { positionId: "call", symbol: "AAPL260320C00185000", lastPrice: 4.15, marketValue: 830, unrealizedPnl: 150, dailyPnl: 40 },
      { positionId: "msft-new", symbol: "MSFT", lastPrice: 405, marketValue: 8_100, unrealizedPnl: 95, dailyPnl: 95 },
      { positionId: "nvda-stale", symbol: "NVDA", lastPrice: 120.5, marketValue: 3_615, unrealizedPnl: 615, dailyPnl: 0 },
    ]);
  });

  it("computes concentration and portfolio Market Beta (90D)", () => {
    // w = |MV| / 42,938.50; HHI = Σw² × 10,000 ≈ 3,035.78; top-3 = (18,235 + 12,158.5 + 8,100) / 42,938.5.
    expect(result.hhi).toBeCloseTo(3_035.7812262423217, 9);
    expect(result.effectiveNumPositions).toBeCloseTo(3.2940450100806378, 12);
    expect(result.top3).toBeCloseTo(38_493.5 / 42_938.5, 15);
    expect(result.top10).toBeCloseTo(1, 15);
    // (18,235 × 1.2 − 12,158.50 × 2.0 + 8,100 × 0.9) / 104,513.90 = 4,855 / 104,513.90.
    expect(result.marketBeta90d).toBeCloseTo(4_855 / 104_513.9, 15);
  });

  it("does not mutate its input", () => {
    const copy = structuredClone(BOOK);
    computePortfolioPnl(INPUT);
    expect(BOOK).toEqual(copy);
  });
});

describe("computePortfolioPnl rules", () => {
  it("gives an exited position no P&L on or after its exit date, and full P&L the day before", () => {
    const spy = position({ id: "spy", symbol: "SPY", quantity: 10, entryPrice: 500, exitDate: DATE });
    const onExit = computePortfolioPnl({ ...INPUT, positions: [spy], realizedPnlUsd: 0, capitalFlowUsd: 0 });
    expect([onExit.dailyPnl, onExit.numPositions, onExit.longValue]).toEqual([0, 0, 0]);
    const before = computePortfolioPnl({ ...INPUT, positions: [{ ...spy, exitDate: "2026-03-11" }], realizedPnlUsd: 0, capitalFlowUsd: 0 });
    // (510 − 505) × 10 = 50.00.
    expect(before.dailyPnl).toBe(50);
  });

  it("on the inception day: P&L 0 and equity = the declared starting equity, whatever the entry prices", () => {
    const result = computePortfolioPnl({ ...INPUT, previousSnapshot: null, realizedPnlUsd: 120, capitalFlowUsd: -2_500.255 });
    // MSFT entered today at 400.25 closes at 405, but the declared equity is the NAV: no P&L, no flow.
    expect([result.dailyPnl, result.dailyUnrealizedPnl, result.dailyRealizedPnl, result.dailyCapitalFlow]).toEqual([0, 0, 0, 0]);
    expect(result.newEquity).toBe(100_000);
    expect([result.cumulativePnl, result.cumulativeRealizedPnl, result.cumulativeCapitalFlow]).toEqual([0, 0, 0]);
    expect(result.dailyReturn).toBe(0);
    // The book is still valued at today's closes.
    expect(result.longValue).toBe(30_780);
  });

  it("gives a later entry close − entry on its first trading day (a weekend entry date included), close-to-close after", () => {
    const monday = { ...INPUT, date: "2026-03-09", previousDate: "2026-03-06", realizedPnlUsd: 0, capitalFlowUsd: 0 };
    const weekendEntry = position({ id: "crm", symbol: "CRM", quantity: 100, entryPrice: 50, entryDate: "2026-03-07" });
    const closes = new Map([["CRM", 107.07]]);
    const first = computePortfolioPnl({ ...monday, positions: [weekendEntry], closesOnDate: closes, previousCloses: new Map([["CRM", 100]]) });
    // (107.07 − 50) × 100 = 5,707.00 on Monday, the first trading day on or after the Saturday entry.
    expect(first.dailyPnl).toBe(5_707);
    const tuesday = computePortfolioPnl({ ...INPUT, positions: [weekendEntry], closesOnDate: new Map([["CRM", 108]]), previousCloses: closes, realizedPnlUsd: 0, capitalFlowUsd: 0 });
    expect(tuesday.dailyPnl).toBe(93);
  });

  it("uses the entry price when a position was never priced before the date", () => {
    const ipo = position({ id: "ipo", symbol: "NEWCO", quantity: 10, entryPrice: 20 });
    const result = computePortfolioPnl({ ...INPUT, positions: [ipo], closesOnDate: new Map([["NEWCO", 23.5]]), realizedPnlUsd: 0, capitalFlowUsd: 0 });
    expect(result.dailyPnl).toBe(35);
    const free = computePortfolioPnl({ ...INPUT, positions: [{ ...ipo, entryPrice: 0 }, { ...ipo, id: "x", entryDate: DATE, entryPrice: 0 }], closesOnDate: new Map([["NEWCO", 23.5]]), realizedPnlUsd: 0, capitalFlowUsd: 0 });
    expect(free.dailyPnl).toBe(0);
  });

  it("values a portfolio of only private assets from stored values, with zero P&L", () => {
    const result = computePortfolioPnl({
      ...INPUT,
      positions: [
        position({ id: "home", symbol: "HOME_EQUITY", quantity: 1, entryPrice: 400_000, investmentClass: "PRIVATE", marketValueUsd: 500_000 }),
        position({ id: "credit", symbol: "FO_PRIVATE_CREDIT", quantity: 1_000, entryPrice: 100, investmentClass: "private" }),
        position({ id: "fund", symbol: "TWO_SIGMA_FUND", quantity: 0, entryPrice: 7, investmentClass: "PRIVATE", marketValueUsd: 0 }),
      ],
      realizedPnlUsd: 0,
      capitalFlowUsd: 0,
    });
    expect([result.dailyPnl, result.newEquity, result.longValue, result.cash]).toEqual([0, 100_000, 600_000, 0]);
    expect(result.positions.map((p) => [p.lastPrice, p.marketValue, p.unrealizedPnl])).toEqual([[500_000, 500_000, 100_000], [100, 100_000, 0], [7, 0, 0]]);
    // Weights 5/6 and 1/6: HHI = (25 + 1)/36 × 10,000 = 7,222.22…; no betas for private assets.
    expect(result.hhi).toBeCloseTo(260_000 / 36, 9);
    expect(result.marketBeta90d).toBe(0);
    expect([result.numLong, result.numShort, result.numPositions]).toEqual([2, 0, 3]);
  });

  it("handles zero equity without a crash: return 0 and no beta", () => {
    const result = computePortfolioPnl({ ...INPUT, previousEquityUsd: 0, realizedPnlUsd: -513.9 });
    expect(result.dailyReturn).toBe(0);
    expect(result.dailyPnl).toBe(-312.4);
    expect(result.newEquity).toBe(3_687.6);
    const wiped = computePortfolioPnl({ ...INPUT, previousEquityUsd: 0, capitalFlowUsd: 0, realizedPnlUsd: -201.5 });
    expect([wiped.newEquity, wiped.dailyReturn, wiped.marketBeta90d]).toEqual([0, 0, null]);
  });

  it("excludes a public position without any price from values but counts it", () => {
    const ghost = position({ id: "ghost", symbol: "GHOST", quantity: -3, entryPrice: 10 });
    const result = computePortfolioPnl({ ...INPUT, positions: [ghost], marketBetas: undefined });
    expect(result.unpricedPositionIds).toEqual(["ghost"]);
    expect(result.positions).toEqual([{ positionId: "ghost", symbol: "GHOST", lastPrice: null, marketValue: null, unrealizedPnl: null, dailyPnl: 0 }]);
    expect([result.numPositions, result.numShort, result.grossExposure, result.hhi, result.marketBeta90d]).toEqual([1, 1, 0, null, null]);
  });

  it("keeps the cent identities for any inputs", () => {
    const money = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(money, money, money, fc.double({ min: 0.01, max: 1_000, noNaN: true }), (equity, realized, flow, close) => {
        const result = computePortfolioPnl({ ...INPUT, previousEquityUsd: equity, realizedPnlUsd: realized, capitalFlowUsd: flow, closesOnDate: new Map([...CLOSES, ["AAPL", close]]) });
        expect(toCents(result.dailyPnl)).toBe(toCents(result.dailyUnrealizedPnl) + toCents(result.dailyRealizedPnl));
        expect(toCents(result.newEquity)).toBe(toCents(equity) + toCents(result.dailyPnl) + toCents(result.dailyCapitalFlow));
        expect(toCents(result.grossExposure)).toBe(toCents(result.longValue) - toCents(result.shortValue));
        expect(toCents(result.netExposure)).toBe(toCents(result.longValue) + toCents(result.shortValue));
        expect(result.cash).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("computeConcentration", () => {
  it("nets positions in the same symbol and returns nulls for an empty book", () => {
    expect(computeConcentration([{ symbol: "A", marketValueUsd: 300 }, { symbol: "A", marketValueUsd: -100 }, { symbol: "B", marketValueUsd: -200 }])).toEqual({
      hhi: 5_000,
      effectiveNumPositions: 2,
      top3: 1,
      top10: 1,
    });
    expect(computeConcentration([])).toEqual({ hhi: null, effectiveNumPositions: null, top3: null, top10: null });
  });
});
