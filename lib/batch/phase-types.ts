/**
 * The contract between the pipeline (lib/batch/pipeline.ts, the in-process runner and the Inngest functions) and
 * each phase. A phase is a plain async function over (calc date, options): it reads and writes PostgreSQL itself and
 * returns only counts, errors and small facts — never rows — so a step's output stays tiny.
 */

export const PHASE_KEYS = [
  "phase_0_valuations",
  "phase_1_market_data",
  "phase_2_fundamentals",
  "phase_3_factors",
  "phase_4_pnl",
  "phase_5_factor_aggregation",
  "phase_6_stress",
] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

export type PhaseStatus = "completed" | "partial" | "failed" | "skipped" | "blocked";

export interface PhaseErrorDetail {
  /** Short machine type, e.g. "not_found", "insufficient_data", "zero_equity", "timeout". */
  type: string;
  message: string;
  symbol?: string;
  portfolioId?: string;
  factor?: string;
}

export type LogLevel = "info" | "warn" | "error";

export interface PhaseContext {
  /** The business date (NYSE trading day, America/New_York), ISO YYYY-MM-DD. */
  calcDate: string;
  /** Restrict a symbol phase to these symbols (a chunk, or a rerun of failed symbols). */
  symbols?: readonly string[];
  /** Restrict a portfolio phase to these portfolios (a chunk, or one onboarded portfolio). */
  portfolioIds?: readonly string[];
  log: (level: LogLevel, message: string) => void;
  /** Progress inside the phase, for the CLI progress line and the dashboard's live view. */
  progress: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Wall clock, injectable for tests (freshness windows, timestamps). */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /**
   * Portfolio phases: `fill` processes only portfolios whose rows for the date are missing or stale (the nightly,
   * a backfill of missing dates); `recompute` (the default) every portfolio in scope (a rerun, reprocess all).
   */
  mode?: RefreshMode;
  /**
   * Portfolio phases: portfolios per write transaction (each phase has its default). Memory follows the chunk, not
   * the book; tests set small chunks to show the chunked answer equals the one-chunk answer.
   */
  chunkSize?: number;
  /** Runs inside a write transaction just before it commits; throws when the run's lease is gone, so nothing lands. */
  fence?: (db: { query: (sql: string, values?: unknown[]) => Promise<{ rowCount: number | null }> }) => Promise<void>;
}

export type RefreshMode = "fill" | "recompute";

export interface PhaseSummary {
  status: PhaseStatus;
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  errors: PhaseErrorDetail[];
  /** Small, JSON-safe facts for the run record (modes, rows written, coverage…). */
  result: Record<string, unknown>;
  /** Why the phase was skipped, blocked or failed as a whole. */
  reason?: string;
}

export type PhaseFunction = (context: PhaseContext) => Promise<PhaseSummary>;

/** Builds a summary from counts: failed when nothing succeeded but something failed, partial when some failed. */
export function summarizePhase(input: {
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped?: number;
  errors?: PhaseErrorDetail[];
  result?: Record<string, unknown>;
}): PhaseSummary {
  const itemsSkipped = input.itemsSkipped ?? 0;
  const status: PhaseStatus =
    input.itemsFailed === 0 ? "completed" : input.itemsDone === 0 && itemsSkipped === 0 ? "failed" : "partial";
  return { status, itemsTotal: input.itemsTotal, itemsDone: input.itemsDone, itemsFailed: input.itemsFailed, itemsSkipped, errors: input.errors ?? [], result: input.result ?? {} };
}

export function skippedPhase(reason: string, result: Record<string, unknown> = {}): PhaseSummary {
  return { status: "skipped", itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, errors: [], result, reason };
}

/** A context for tests and the CLI that logs to an array. */
export function createPhaseContext(calcDate: string, overrides: Partial<PhaseContext> = {}): PhaseContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    calcDate,
    log: (level, message) => logs.push(`${level}: ${message}`),
    progress: () => undefined,
    ...overrides,
    logs,
  };
}
