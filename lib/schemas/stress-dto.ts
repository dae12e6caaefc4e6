/** Plain DTOs of the stress read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */

/** One factor of a stress result, with the labels every view uses for its two contributions. */
export interface StressFactorRowDto {
  factor: string;
  /** Label of the direct contribution, e.g. "Market (90-day beta)". */
  directLabel: string;
  /** Label of the correlated contribution, e.g. "Market (via styles)". */
  correlatedLabel: string;
  /** The scenario's shock as written (Interest Rate: the yield change, 0.005 = +50 bp), null when not shocked. */
  shock: number | null;
  /** The factor's move in the correlated figure (Interest Rate: the TLT return). */
  move: number;
  moveKind: "shocked" | "implied";
  /** Exposure of the correlated figure (Market: the sum of the style exposures). */
  exposureUsd: number;
  /** Exposure of the direct figure (Market: Market Beta (90D)); null when not stored (first-model rows). */
  directExposureUsd: number | null;
  directPnl: number;
  correlatedPnl: number;
}

/** The factor behind a correlated total more than 3× its direct total. */
export interface CorrelationDriverDto {
  /** |correlated| / |direct|; null when the direct total is 0. */
  ratio: number | null;
  factor: string;
  label: string;
  implied: boolean;
  move: number;
  gapUsd: number;
  /** Market only: the two market exposures whose difference opens the gap. */
  marketExposureUsd: number | null;
  marketBetaExposureUsd: number | null;
}

export interface StressDecompositionDto {
  scenarioId: string;
  scenarioName: string;
  /** 2 for the current model; 1 for results stored by the first model, which lack the market-via-styles term. */
  modelVersion: number;
  directPnl: number;
  correlatedPnl: number;
  directCapApplied: boolean;
  correlatedCapApplied: boolean;
  factors: StressFactorRowDto[];
  driver: CorrelationDriverDto | null;
}

/** A heatmap cell: the correlated figure as a share of equity, with its largest contributions for the tooltip. */
export interface StressCellDto {
  correlatedPct: number;
  directPct: number;
  correlatedPnl: number;
  directPnl: number;
  /** Non-zero correlated contributions, largest first (at most 4): [label, USD]. */
  top: [string, number][];
}

export interface StressOverview {
  date: string | null;
  availableDates: string[];
  scenarios: { scenarioId: string; name: string; severity: string }[];
  portfolios: { id: string; name: string; owner: string; equity: number | null }[];
  /** cells[p][s], null when missing. */
  cells: (StressCellDto | null)[][];
  /** True when some results of the date were stored by the first model (rerun the stress phase to recompute). */
  hasFirstModelResults: boolean;
  selected: (StressDecompositionDto & { portfolioId: string; portfolioName: string; equity: number | null }) | null;
}

/** The builder's answer: both figures for typed shocks, on the stored covariance of the date. */
export interface StressPreviewDto {
  portfolioId: string;
  date: string;
  /** Daily factor vectors behind the covariance. */
  dataDays: number;
  decomposition: StressDecompositionDto;
}

export interface PersonalScenarioDto {
  scenarioId: string;
  name: string;
  description: string;
  /** Decimal shocks in the model's coordinates (Interest Rate: a yield change). */
  shocks: Record<string, number>;
  createdAt: string;
}
