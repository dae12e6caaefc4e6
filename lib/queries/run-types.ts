import "server-only";

/** Plain DTOs of the run read models (shared by pages, route handlers and tests). */
export type RunStatus = "running" | "completed" | "failed" | "partial";
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
