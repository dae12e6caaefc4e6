import { describe, expect, it } from "vitest";

import { computePortfolioExposures, NonPositiveEquityError, type ExposurePositionInput } from "./portfolio-exposures";

const publicPosition = (symbol: string, mv: number): ExposurePositionInput => ({
  symbol,
  signedMarketValueUsd: mv,
  isPublicEquity: true,
  isPrivate: false,
});

const POSITIONS: ExposurePositionInput[] = [
  publicPosition("AAPL", 300_000.55),
  publicPosition("TSLA", -100_000),
  publicPosition("NOBETA", 50_000),
  { symbol: "HOME_EQUITY", signedMarketValueUsd: 200_000, isPublicEquity: false, isPrivate: true },
  { symbol: "SPY250919C00460000", signedMarketValueUsd: 20_000, isPublicEquity: false, isPrivate: false },
];

const BETAS = new Map<string, Record<string, number>>([
  ["AAPL", { "Market Beta (90D)": 1.2, Value: 0.3, "IR Beta": -0.1, Unknown: 9 }],
  ["TSLA", { "Market Beta (90D)": 2.0, Value: -0.5 }],
  ["HOME_EQUITY", { "Market Beta (90D)": 5 }],
  ["SPY250919C00460000", { "Market Beta (90D)": 5 }],
]);

describe("computePortfolioExposures", () => {
  it("aggregates signed weights to the cent, with a short and a symbol without betas", () => {
    const result = computePortfolioExposures({ equityUsd: 1_000_000, positions: POSITIONS, symbolBetas: BETAS });
    // Market: 300,000.55 × 1.2 − 100,000 × 2.0 = 360,000.66 − 200,000 = 160,000.66; β = 0.16000066.
    expect(result.exposures["Market Beta (90D)"].exposureUsd).toBe(160_000.66);
    expect(result.exposures["Market Beta (90D)"].beta).toBeCloseTo(0.16000066, 14);
    // Value: 300,000.55 × 0.3 + (−100,000) × (−0.5) = 90,000.165 + 50,000 = 140,000.165 → 140,000.17.
    expect(result.exposures.Value.exposureUsd).toBe(140_000.17);
    // IR Beta only AAPL: 300,000.55 × −0.1 = −30,000.055 → −30,000.06 (half away from zero).
    expect(result.exposures["IR Beta"].exposureUsd).toBe(-30_000.06);
    expect(result.exposures["IR Beta"].coverage).toBeCloseTo(300_000.55 / 450_000.55, 15);
    // Display order, known names only; private and option betas never enter.
    expect(Object.keys(result.exposures)).toEqual(["Market Beta (90D)", "IR Beta", "Value"]);
    // Coverage: (300,000.55 + 100,000) / (300,000.55 + 100,000 + 50,000).
    expect(result.coverage).toBeCloseTo(400_000.55 / 450_000.55, 15);
    // Private allocation: 200,000 / gross 670,000.55.
    expect(result.privateAllocation).toBeCloseTo(200_000 / 670_000.55, 15);
    expect(result.counts).toEqual({ positions: 5, publicPositions: 3, publicPositionsWithBetas: 2, privatePositions: 1 });
  });

  it("a symbol without betas contributes 0 and lowers coverage", () => {
    const withBetas = computePortfolioExposures({ equityUsd: 500_000, positions: POSITIONS.slice(0, 2), symbolBetas: BETAS });
    const withExtra = computePortfolioExposures({ equityUsd: 500_000, positions: POSITIONS.slice(0, 3), symbolBetas: BETAS });
    expect(withExtra.exposures).toEqual({
      ...withBetas.exposures,
      "IR Beta": { ...withBetas.exposures["IR Beta"], coverage: 300_000.55 / 450_000.55 },
      "Market Beta (90D)": { ...withBetas.exposures["Market Beta (90D)"], coverage: 400_000.55 / 450_000.55 },
      Value: { ...withBetas.exposures.Value, coverage: 400_000.55 / 450_000.55 },
    });
    expect(withBetas.coverage).toBe(1);
    expect(withExtra.coverage).toBeLessThan(1);
  });

  it("reports null coverage and zero allocation for an empty book", () => {
    const result = computePortfolioExposures({ equityUsd: 1, positions: [], symbolBetas: new Map() });
    expect(result).toEqual({
      exposures: {},
      coverage: null,
      privateAllocation: 0,
      counts: { positions: 0, publicPositions: 0, publicPositionsWithBetas: 0, privatePositions: 0 },
    });
  });

  it("throws a typed error with the recorded reason when equity is zero or negative", () => {
    for (const equityUsd of [0, -25.5, Number.NaN]) {
      const attempt = () => computePortfolioExposures({ equityUsd, positions: POSITIONS, symbolBetas: BETAS });
      expect(attempt).toThrow(NonPositiveEquityError);
      try {
        attempt();
      } catch (error) {
        expect((error as NonPositiveEquityError).reason).toBe(`Equity is zero or negative: ${equityUsd}`);
      }
    }
  });

  it("rejects non-finite market values and betas", () => {
    expect(() => computePortfolioExposures({ equityUsd: 1, positions: [publicPosition("A", Number.NaN)], symbolBetas: BETAS })).toThrow(
      "Position A has a non-finite market value: NaN",
    );
    expect(() =>
      computePortfolioExposures({ equityUsd: 1, positions: [publicPosition("A", 1)], symbolBetas: new Map([["A", { Value: Infinity }]]) }),
    ).toThrow("Symbol A has a non-finite Value beta: Infinity");
  });
});
