/** Plain DTOs of the run read models: lib/queries builds them, pages, route handlers and components consume them. Types only. */
/** As shown: `skipped` is a finished run that did no item and failed none over its dates (lib/queries/run-status). */
export type RunStatus = "running" | "completed" | "failed" | "partial" | "skipped";
export type PhaseRunStatus = "pending" | "running" | "completed" | "failed" | "partial" | "skipped" | "blocked";

export interface RunListItem {
  id: string;
  jobType: string;
  status: RunStatus;
  triggeredBy: string;
  startedAt: string;
  completedAt: string | null;
  durationMs: number | null;
  totalItems: number;
  completedItems: number;
  failedItems: number;
  /** Items already current and left alone; done + failed + skipped + notReached = total. */
  skippedItems: number;
  /** Planned items no phase reached (a running, failed or blocked run). */
  notReachedItems: number;
  calcDates: string[];
  errorCount: number;
  failureReason: string | null;
}

export interface ErrorDetailDto {
  type: string;
  message: string;
  symbol?: string;
  portfolioId?: string;
  factor?: string;
}

export interface LogEntryDto {
  at: string;
  level: string;
  message: string;
}

export interface RunListSummary {
  totalRuns: number;
  breakdown: Record<RunStatus, number>;
  /** Finished runs that did not fail or end partial (completed or skipped) / finished runs × 100, one decimal; null when none finished. */
  successRatePct: number | null;
  /** Mean duration of completed runs (ms), null when none. */
  avgDurationMs: number | null;
}

export interface RunList {
  runs: RunListItem[];
  page: number;
  pageSize: number;
  summary: RunListSummary;
}

export interface ErrorGroupDto {
  type: string;
  count: number;
  details: ErrorDetailDto[];
}

export interface PhaseRunDto {
  id: string;
  calcDate: string;
  phaseKey: string;
  /** Human name of the phase ("P&L snapshots"). */
  phaseLabel: string;
  status: PhaseRunStatus;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  errorCount: number;
  errorGroups: ErrorGroupDto[];
  result: Record<string, unknown>;
  logCount: number;
}

export interface RunDetail extends RunListItem {
  triggeredByUserId: string | null;
  /** "waiting for run <id>" while another run holds a date this one needs. */
  waitingFor: string | null;
  params: Record<string, unknown>;
  heartbeatAt: string;
  errorSummary: { count: number; types: string[] } | null;
  phases: PhaseRunDto[];
  /** Every phase log line, oldest first, tagged with its phase and date. */
  logs: (LogEntryDto & { phaseKey: string; phaseLabel: string; calcDate: string })[];
  /** Planned steps (one per date and phase) finished / planned; pct counts finished chunks of running steps too. */
  progress: { stepsDone: number; stepsTotal: number; pct: number };
}

export interface GridCell {
  status: PhaseRunStatus | "missing";
  runId: string | null;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  durationMs: number | null;
  /** Short data-quality hint: failed symbols/portfolios, coverage, capped betas. */
  hint: string | null;
  attempts: number;
}

export interface RunGrid {
  dates: string[];
  phases: string[];
  /** Human names of `phases`, same order. */
  phaseLabels: string[];
  /** rows[i] belongs to dates[i] (newest first); cells in PHASE_KEYS order. */
  rows: { date: string; cells: GridCell[] }[];
}
