import type { PhaseKey, RefreshMode } from "./phase-types";

/** One date's worth of a run: which phases, optionally restricted to some symbols or portfolios. */
export interface WorkItem {
  date: string;
  phases: PhaseKey[];
  symbols?: string[];
  portfolioIds?: string[];
  /** How the portfolio phases treat rows that already exist (see PhaseContext.mode); default recompute. */
  mode?: RefreshMode;
}

export interface RunParams {
  work: WorkItem[];
  /** What the person or trigger asked for, kept for the run record. */
  request?: Record<string, unknown>;
}

export function stepKey(date: string, phase: PhaseKey, chunk?: number): string {
  return chunk === undefined ? `${date}/${phase}` : `${date}/${phase}/${chunk}`;
}

export function chunkItems<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a whole number of at least 1, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
