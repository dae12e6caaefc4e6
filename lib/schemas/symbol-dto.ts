/** Plain DTOs of the symbol admin read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */
export interface SymbolAdmin {
  asOf: string;
  universe: { symbol: string; sector: string | null; isActive: boolean; inactiveReason: string | null; lastPriceDate: string | null; positions: number }[];
  jobs: { id: string; symbol: string; status: string; attempts: number; error: string | null; createdAt: string; completedAt: string | null }[];
  filtered: { symbol: string; kind: string; rule: string; positions: number }[];
  /** Symbols that failed pricing on 3 consecutive trading days; "retry" clears the mark. */
  unpriced: { symbol: string; failedDates: string[]; lastError: string; markedAt: string; positions: number }[];
}
