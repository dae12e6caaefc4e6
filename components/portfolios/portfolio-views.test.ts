import { describe, expect, it } from "vitest";
import type { FactorStatDto, HoldingDto, PortfolioStressDto } from "@/lib/schemas/portfolio-dto";
import { toHoldingView, toStressRowView } from "./portfolio-views";

const FACTORS = ["Market Beta (90D)", "Value", "Size"];

const stat = (beta: number, extra: Partial<FactorStatDto> = {}): FactorStatDto => ({
  beta, rSquared: 0.41234, n: 90, standardError: 0.19049, tStat: 4.5612, pValue: 0.0000161, windowStart: "2026-07-27", windowEnd: "2026-12-02",
  isCapped: false, calculationDate: "2026-12-02", ...extra,
});

const holding = (factors: Record<string, FactorStatDto>): HoldingDto => ({
  positionId: "p1", symbol: "MSFT", name: null, positionType: "LONG", quantity: 1018.4, marketValue: 420_095.36, investmentClass: null,
  kind: "public", factorStatus: Object.keys(factors).length > 0 ? "ready" : "missing", factors,
});

describe("toHoldingView: the heatmap's and the drawer's figures as shown", () => {
  it("formats each factor's statistics in the order of the factor names, a dash where one was not computed", () => {
    const view = toHoldingView(holding({ Size: stat(-0.554, { isCapped: true, standardError: null, pValue: 0.04213 }), "Market Beta (90D)": stat(1.2649) }), FACTORS);
    expect(view.quantity).toBe("1,018");
    expect(view.marketValue).toBe("$420,095");
    expect(view.betas).toEqual(["1.26", "", "-0.55"]);
    expect(view.colors).toEqual(["rgb(132 170 255)", "rgb(241 245 249)", "rgb(255 209 209)"]);
    expect(view.stats).toEqual({
      standardError: ["0.190", "—", "—"], tStat: ["4.56", "—", "4.56"], pValue: ["1.6e-5", "—", "0.0421"], rSquared: ["0.412", "—", "0.412"],
      n: ["90", "—", "90"], window: ["2026-07-27 → 2026-12-02", "—", "2026-07-27 → 2026-12-02"], isCapped: [false, false, true],
    });
  });

  it("has no statistics for a holding without factor rows, and empty cells", () => {
    const view = toHoldingView(holding({}), FACTORS);
    expect(view.stats).toBeNull();
    expect(view.betas).toEqual(["", "", ""]);
    expect(view.factorStatus).toBe("missing");
  });
});

describe("toStressRowView: a stress row and its breakdown as drawn", () => {
  const row: PortfolioStressDto = {
    scenarioId: "rates_up", name: "Rates +50bp", category: "rates", severity: "base", correlatedPnl: -52_000.4, directPnl: -12_000, pctOfEquity: -0.0104, personal: false,
    decomposition: {
      scenarioId: "rates_up", scenarioName: "Rates +50bp", modelVersion: 2, directPnl: -12_000, correlatedPnl: -52_000.4, directCapApplied: false, correlatedCapApplied: true,
      factors: [
        { factor: "Market", directLabel: "Market (90-day beta)", correlatedLabel: "Market (via styles)", shock: null, move: -0.0312, moveKind: "implied",
          exposureUsd: 2_346_670, directExposureUsd: 2_616_917, directPnl: 0, correlatedPnl: -40_000.4 },
        { factor: "Interest Rate", directLabel: "Interest rate (TLT)", correlatedLabel: "Interest rate (TLT)", shock: 0.005, move: -0.0421, moveKind: "shocked",
          exposureUsd: 285_000, directExposureUsd: 285_000, directPnl: -12_000, correlatedPnl: -12_000 },
      ],
      driver: { ratio: 4.33, factor: "Market", label: "Market (via styles)", implied: true, move: -0.0312, gapUsd: -40_000.4, marketExposureUsd: 2_346_670, marketBetaExposureUsd: 2_616_917 },
    },
  };

  it("keeps the row's figures and driver, and formats the breakdown's moves and notes", () => {
    const view = toStressRowView(row);
    expect(view).toMatchObject({ scenarioId: "rates_up", name: "Rates +50bp", severity: "base", correlatedPnl: -52_000.4, directPnl: -12_000, pctOfEquity: -0.0104, driver: row.decomposition.driver });
    expect(view.breakdown).toEqual({
      scenarioName: "Rates +50bp", directPnl: -12_000, correlatedPnl: -52_000.4, directCapApplied: false, correlatedCapApplied: true,
      rows: [
        { factor: "Market", label: "Market (via styles)", move: "−3.1%", moveKind: "implied", directPnl: 0, correlatedPnl: -40_000.4,
          directNote: "Market (90-day beta): $2.6M", correlatedNote: "exposure $2.3M" },
        { factor: "Interest Rate", label: "Interest rate (TLT)", move: "+50 bp (TLT −4.2%)", moveKind: "shocked", directPnl: -12_000, correlatedPnl: -12_000 },
      ],
    });
    expect("directNote" in view.breakdown.rows[1]).toBe(false);
  });

  it("has no market exposure note for results of the first model", () => {
    const view = toStressRowView({ ...row, decomposition: { ...row.decomposition, modelVersion: 1 } });
    expect(view.breakdown.rows[0].correlatedNote).toBeUndefined();
    expect(view.breakdown.rows[0].directNote).toBe("Market (90-day beta): $2.6M");
  });
});
