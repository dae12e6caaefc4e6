/** Plain DTOs of the stress read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */
export interface FactorImpactDto {
  factor: string; shock: number | null; factorReturn: number | null; exposureUsd: number | null; directPnl: number; correlatedPnl: number;
}

export interface StressOverview {
  date: string | null;
  availableDates: string[];
  scenarios: { scenarioId: string; name: string; severity: string }[];
  portfolios: { id: string; name: string; owner: string; equity: number | null }[];
  /** cells[p][s] = correlated P&L / equity (decimal), null when missing. */
  cells: (number | null)[][];
  selected: {
    portfolioId: string; scenarioId: string; scenarioName: string; directPnl: number; correlatedPnl: number;
    correlatedCapApplied: boolean; directCapApplied: boolean; impacts: FactorImpactDto[];
  } | null;
}
