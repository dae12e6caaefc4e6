/** Merging phase summaries of a run's chunks and keeping what is stored small (ids, counts, a few hundred errors). */
import type { ErrorSummary } from "../db/batch-runs";
import type { PhaseErrorDetail, PhaseSummary } from "./phase-types";

export const MAX_ERROR_DETAILS = 200;
export const MAX_STEP_LOGS = 200;

export interface LogEntry {
  at: string;
  level: string;
  message: string;
}

export function failedSummary(type: string, message: string): PhaseSummary {
  return { status: "failed", itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, errors: [{ type, message }], result: {}, reason: message };
}

/** Keeps a step's stored output small (ids and counts; at most a few hundred error details). */
export function compactSummary(summary: PhaseSummary): PhaseSummary {
  return { ...summary, errors: summary.errors.slice(0, MAX_ERROR_DETAILS) };
}

export function mergeSummaries(summaries: PhaseSummary[]): PhaseSummary {
  if (summaries.length === 1) return summaries[0];
  const merged: PhaseSummary = { status: "completed", itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, errors: [], result: {} };
  const numeric: Record<string, number> = {};
  for (const summary of summaries) {
    merged.itemsTotal += summary.itemsTotal;
    merged.itemsDone += summary.itemsDone;
    merged.itemsFailed += summary.itemsFailed;
    merged.itemsSkipped += summary.itemsSkipped;
    merged.errors.push(...summary.errors);
    for (const [key, value] of Object.entries(summary.result)) {
      if (typeof value === "number") numeric[key] = (numeric[key] ?? 0) + value;
      else merged.result[key] = value;
    }
    merged.reason ??= summary.reason;
  }
  Object.assign(merged.result, numeric);
  const statuses = summaries.map((summary) => summary.status);
  merged.status = statuses.every((status) => status === "skipped") ? "skipped"
    : statuses.includes("failed") ? (statuses.some((status) => status === "completed" || status === "partial") ? "partial" : "failed")
    : statuses.includes("partial") ? "partial" : "completed";
  return merged;
}

/** Null when there are no errors, else `{count, types, details}`. */
export function toErrorSummary(errors: PhaseErrorDetail[]): ErrorSummary | null {
  if (errors.length === 0) return null;
  return { count: errors.length, types: [...new Set(errors.map((error) => error.type))].sort(), details: errors.slice(0, MAX_ERROR_DETAILS) };
}
