import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import type { RunListItem, RunStatus } from "./run-types";
import { SHOWN_RUN_STATUS_SQL } from "./run-status";
import type { RunListSummary, RunList } from "@/lib/schemas/run-dto";

export type { RunList } from "@/lib/schemas/run-dto";

export interface RunListFilter {
  status?: RunStatus;
  jobType?: string;
  days: number;
  page: number;
  pageSize: number;
  now?: Date;
}

interface Row {
  id: string; job_type: string; status: RunStatus; triggered_by: string; started_at: Date; completed_at: Date | null;
  duration_ms: number | null; total_items: number; completed_items: number; failed_items: number; skipped_items: number;
  calc_dates: string[] | null; error_count: number | null; failure_reason: string | null;
  n_total: number; n_completed: number; n_failed: number; n_partial: number; n_running: number; n_skipped: number;
  avg_completed_ms: number | null;
}

/**
 * One indexed query (batch_runs_started_at_idx): the page of runs plus the summary over the whole filtered set via
 * window aggregates, so the list endpoint stays one round trip however many runs exist.
 */
const SQL = `
  WITH shown AS (
    SELECT *, ${SHOWN_RUN_STATUS_SQL} AS shown_status FROM batch_runs
     WHERE started_at >= $1 AND ($3::text IS NULL OR job_type = $3))
  SELECT id, job_type, shown_status AS status, triggered_by, started_at, completed_at, duration_ms, total_items, completed_items,
         failed_items, calc_dates, (error_summary->>'count')::int AS error_count, failure_reason,
         (SELECT coalesce(sum(p.items_skipped), 0)::int FROM batch_phase_runs p WHERE p.run_id = shown.id) AS skipped_items,
         count(*) OVER () AS n_total,
         count(*) FILTER (WHERE shown_status = 'completed') OVER () AS n_completed,
         count(*) FILTER (WHERE shown_status = 'failed') OVER () AS n_failed,
         count(*) FILTER (WHERE shown_status = 'partial') OVER () AS n_partial,
         count(*) FILTER (WHERE shown_status = 'running') OVER () AS n_running,
         count(*) FILTER (WHERE shown_status = 'skipped') OVER () AS n_skipped,
         avg(duration_ms) FILTER (WHERE shown_status = 'completed') OVER () AS avg_completed_ms
    FROM shown
   WHERE ($2::text IS NULL OR shown_status = $2)
   ORDER BY started_at DESC, id DESC
   LIMIT $4 OFFSET $5`;

const COUNT_SQL = `SELECT count(*)::int AS n FROM batch_runs WHERE started_at >= $1 AND ($2::text IS NULL OR ${SHOWN_RUN_STATUS_SQL} = $2) AND ($3::text IS NULL OR job_type = $3)`;

export async function getRunList(viewer: Viewer, filter: RunListFilter): Promise<RunList> {
  assertAdmin(viewer);
  const since = new Date((filter.now ?? new Date()).getTime() - filter.days * 86_400_000);
  const params = [since, filter.status ?? null, filter.jobType ?? null, filter.pageSize, (filter.page - 1) * filter.pageSize];
  const { rows } = await getPool().query<Row>(SQL, params);
  const first = rows[0];
  let summary: RunListSummary;
  if (first) {
    summary = toSummary(first);
  } else if (filter.page > 1) {
    // Past the last page: the window aggregates are absent, so count the set once.
    const { rows: counted } = await getPool().query<{ n: number }>(COUNT_SQL, params.slice(0, 3));
    summary = { ...emptySummary(), totalRuns: counted[0]?.n ?? 0 };
  } else {
    summary = emptySummary();
  }
  return { runs: rows.map(toItem), page: filter.page, pageSize: filter.pageSize, summary };
}

function emptySummary(): RunListSummary {
  return { totalRuns: 0, breakdown: { completed: 0, skipped: 0, failed: 0, partial: 0, running: 0 }, successRatePct: null, avgDurationMs: null };
}

function toSummary(row: Row): RunListSummary {
  const total = Number(row.n_total);
  const breakdown = {
    completed: Number(row.n_completed), skipped: Number(row.n_skipped), failed: Number(row.n_failed),
    partial: Number(row.n_partial), running: Number(row.n_running),
  };
  // A run still running has no outcome yet; one that had nothing to do (skipped) did not fail.
  const finished = total - breakdown.running;
  const succeeded = breakdown.completed + breakdown.skipped;
  return {
    totalRuns: total,
    breakdown,
    successRatePct: finished === 0 ? null : Math.round((succeeded / finished) * 1000) / 10,
    avgDurationMs: row.avg_completed_ms === null ? null : Math.round(Number(row.avg_completed_ms)),
  };
}

function toItem(row: Row): RunListItem {
  return {
    id: row.id,
    jobType: row.job_type,
    status: row.status,
    triggeredBy: row.triggered_by,
    startedAt: row.started_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    durationMs: row.duration_ms,
    totalItems: row.total_items,
    completedItems: row.completed_items,
    failedItems: row.failed_items,
    skippedItems: row.skipped_items,
    notReachedItems: Math.max(0, row.total_items - row.completed_items - row.failed_items - row.skipped_items),
    calcDates: row.calc_dates ?? [],
    errorCount: row.error_count ?? 0,
    failureReason: row.failure_reason,
  };
}
