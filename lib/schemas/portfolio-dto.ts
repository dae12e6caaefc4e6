/** Plain DTOs of the portfolio read models (lib/queries builds them; components and route handlers consume them). Types only. */
import type { StressDecompositionDto } from "./stress-dto";

export interface FactorStatDto {
  beta: number; rSquared: number | null; n: number; standardError: number | null; tStat: number | null; pValue: number | null;
  windowStart: string | null; windowEnd: string | null; isCapped: boolean; calculationDate: string;
}

/** "no data": the symbol is marked unpriced (it failed pricing on 3 consecutive trading days). */
export type HoldingFactorStatus = "ready" | "queued" | "failed" | "excluded" | "missing" | "no data";

export interface HoldingDto {
  positionId: string; symbol: string;
  /** A private asset's free-text name (its symbol is derived from it); null for listed holdings. */
  name: string | null;
  positionType: string; quantity: number; marketValue: number | null;
  investmentClass: string | null; kind: string;
  /** "ready" has factor rows, "queued"/"failed" from the onboarding queue, "excluded" for holdings outside R16's public-equity predicate (private, option-typed or exited), "missing" otherwise. */
  factorStatus: HoldingFactorStatus;
  factors: Record<string, FactorStatDto>;
}

export interface ExposureDto { factor: string; beta: number | null; dollar: number | null }

export interface CoverageDto { coverage: number; privateAllocation: number; publicPositions: number; coveredPositions: number }

/** One symbol's latest onboarding job, as shown to the user ("pending" is shown as "queued"). */
export type OnboardingStatus = "queued" | "processing" | "completed" | "failed";

export interface OnboardingSymbolDto {
  symbol: string; status: OnboardingStatus; attempts: number; error: string | null; createdAt: string; completedAt: string | null;
}

export interface SnapshotDto { date: string; equity: number; dailyPnl: number; cumulativePnl: number; dailyReturn: number }

export interface PortfolioStressDto {
  scenarioId: string; name: string; category: string; severity: string; correlatedPnl: number; directPnl: number; pctOfEquity: number | null;
  /** True for the owner's own saved scenario. */
  personal: boolean;
  decomposition: StressDecompositionDto;
}

export interface PortfolioDetail {
  id: string; name: string; startingEquity: number; currentEquity: number; currentEquityDate: string | null; inceptionDate: string;
  calcDate: string | null;
  factorNames: string[];
  exposures: ExposureDto[];
  coverage: CoverageDto | null;
  holdings: HoldingDto[];
  queuedSymbols: string[];
  /** Onboarding jobs of this portfolio's symbols that are open, failed, or were queued by this portfolio. */
  onboarding: OnboardingSymbolDto[];
  /** True while a job is open or finished in the last minute (the portfolio phases may still be re-running): clients keep polling. */
  onboardingActive: boolean;
  snapshots: SnapshotDto[];
  /** The date of the stress results shown (the latest stressed date). */
  stressDate: string | null;
  stress: PortfolioStressDto[];
}

export interface PortfolioListItem {
  id: string;
  name: string;
  startingEquity: number;
  currentEquity: number;
  currentEquityDate: string | null;
  positions: number;
  inceptionDate: string;
}
