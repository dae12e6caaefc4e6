/** A run's final status, computed from its recorded phase rows; only the lease holder may write it. */
import { finishRun, type ErrorSummary, type RunLease } from "../db/batch-runs";
import { listFinishedPhaseRows } from "../db/batch-phase-runs";
import { MAX_ERROR_DETAILS, toErrorSummary } from "./run-summaries";

export type RunFinalStatus = "completed" | "partial" | "failed";

interface PhaseRowTotals {
  statuses: string[];
  totalItems: number;
  completedItems: number;
  failedItems: number;
  errorSummary: ErrorSummary | null;
}

async function phaseRowTotals(runId: string): Promise<PhaseRowTotals> {
  const rows = await listFinishedPhaseRows(runId);
  const errors = rows.map((row) => row.errors).filter((summary): summary is ErrorSummary => Boolean(summary));
  const errorSummary = errors.length === 0 ? null : {
    count: errors.reduce((sum, summary) => sum + summary.count, 0),
    types: [...new Set(errors.flatMap((summary) => summary.types))].sort(),
    details: errors.flatMap((summary) => summary.details).slice(0, MAX_ERROR_DETAILS),
  };
  return {
    statuses: rows.map((row) => row.status),
    totalItems: rows.reduce((sum, row) => sum + row.itemsTotal, 0),
    completedItems: rows.reduce((sum, row) => sum + row.itemsDone, 0),
    failedItems: rows.reduce((sum, row) => sum + row.itemsFailed, 0),
    errorSummary,
  };
}

/** Finishes the run from its recorded phases: failed/blocked phases make it partial (or failed when nothing succeeded). */
export async function finishRunFromPhases(lease: RunLease): Promise<{ status: RunFinalStatus }> {
  const totals = await phaseRowTotals(lease.runId);
  const statuses = totals.statuses;
  const status: RunFinalStatus = statuses.some((value) => value === "failed" || value === "blocked")
    ? (statuses.some((value) => value === "completed" || value === "partial") ? "partial" : "failed")
    : statuses.some((value) => value === "partial") ? "partial" : "completed";
  await finishRun(lease, { status, totalItems: totals.totalItems, completedItems: totals.completedItems, failedItems: totals.failedItems, errorSummary: totals.errorSummary });
  return { status };
}

/** Finishes the run as failed (an exception, timeout or refusal outside a phase), keeping the counts recorded so far. */
export async function failRunFromPhases(lease: RunLease, reason: string, type: "timeout" | "exception" | "refused" = "exception"): Promise<{ status: "failed" }> {
  const totals = await phaseRowTotals(lease.runId);
  const prior = totals.errorSummary?.details ?? [];
  const errorSummary = toErrorSummary([...prior, { type, message: reason }])!;
  if (totals.errorSummary) {
    errorSummary.count = totals.errorSummary.count + 1;
    errorSummary.types = [...new Set([...totals.errorSummary.types, type])].sort();
  }
  await finishRun(lease, { status: "failed", totalItems: totals.totalItems, completedItems: totals.completedItems, failedItems: totals.failedItems, errorSummary, failureReason: reason });
  return { status: "failed" };
}
