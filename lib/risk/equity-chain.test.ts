import { describe, expect, it } from "vitest";
import { foldEquityChain, type ChainDayInput } from "./equity-chain";
import type { PnlPositionInput } from "./portfolio-pnl";

const CRM: PnlPositionInput = {
  id: "crm", symbol: "CRM", quantity: 100, positionType: "LONG", investmentClass: "PUBLIC", entryDate: "2026-03-02",
  exitDate: null, deleted: false, marketValueUsd: null, entryPrice: 50,
};

const day = (date: string, previousDate: string, close: number, previous: number, flow = 0): ChainDayInput => ({
  date, previousDate, positions: [CRM], closesOnDate: new Map([["CRM", close]]), previousCloses: new Map([["CRM", previous]]),
  realizedPnlUsd: 0, capitalFlowUsd: flow,
});

describe("foldEquityChain", () => {
  it("starts at the declared equity with 0 P&L on the inception day, then rolls close to close with flows", () => {
    const results = foldEquityChain({ equityUsd: 10_000, totals: null }, [
      day("2026-03-02", "2026-02-27", 107.07, 100),
      day("2026-03-03", "2026-03-02", 108, 107.07, 500),
      day("2026-03-04", "2026-03-03", 106.5, 108),
    ]);
    expect(results.map((r) => [r.dailyPnl, r.newEquity, r.cumulativePnl, r.cumulativeCapitalFlow])).toEqual([
      [0, 10_000, 0, 0],
      [93, 10_593, 93, 500],
      [-150, 10_443, -57, 500],
    ]);
  });

  it("continues a segment from a stored snapshot exactly as the whole chain does", () => {
    const days = [day("2026-03-02", "2026-02-27", 107.07, 100), day("2026-03-03", "2026-03-02", 108, 107.07, 500), day("2026-03-04", "2026-03-03", 106.5, 108)];
    const whole = foldEquityChain({ equityUsd: 10_000, totals: null }, days);
    const second = whole[1];
    const tail = foldEquityChain({
      equityUsd: second.newEquity,
      totals: { cumulativePnlUsd: second.cumulativePnl, cumulativeRealizedPnlUsd: second.cumulativeRealizedPnl, cumulativeCapitalFlowUsd: second.cumulativeCapitalFlow },
    }, days.slice(2));
    expect(tail).toEqual(whole.slice(2));
  });
});
