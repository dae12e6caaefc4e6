/** Plain DTOs of the factor read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */
export interface SymbolFactorRow {
  name: string; description: string; method: string | null; beta: number | null; rSquared: number | null; n: number | null;
  standardError: number | null; tStat: number | null; pValue: number | null; windowStart: string | null; windowEnd: string | null;
  isCapped: boolean; qualityFlag: string | null;
}

export interface SymbolFactors {
  symbol: string;
  date: string | null;
  sector: string | null;
  isActive: boolean;
  factors: SymbolFactorRow[];
  providerBeta: number | null;
  providerBetaSource: string;
  computedMarketBeta: number | null;
  factorNames: string[];
  /** One point per stored date: { date, [factorName]: beta }. */
  history: Record<string, string | number | null>[];
}

export interface FactorHeatmap {
  date: string | null;
  availableDates: string[];
  factorNames: string[];
  rows: { symbol: string; betas: (number | null)[]; capped: boolean[] }[];
}
