import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { PHASE_KEYS } from "@/lib/batch/phase-types";
import { latestCompletedTradingDay, tradingDaysBack } from "@/lib/base/calendar";
import type { PhaseRunStatus } from "./run-types";
import type { GridCell, RunGrid } from "@/lib/schemas/run-dto";
import { phaseLabelOf, shownPhaseStatus } from "./run-status";

export type { RunGrid } from "@/lib/schemas/run-dto";

export interface GridSourceRow {
  calc_date: string;
  phase_key: string;
  status: PhaseRunStatus;
  run_id: string;
  items_done: number;
  items_failed: number;
  items_skipped: number;
  duration_ms: number | null;
  result: Record<string, unknown> | null;
  attempts: number;
}

function numberOf(result: Record<string, unknown>, keys: string[]): number | null {
  for (const key of keys) {
    const value = result[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return null;
}

/** Builds the hint from counts and the phase's result facts (keys vary by phase; unknown keys are ignored). */
export function describeCellQuality(row: Pick<GridSourceRow, "phase_key" | "items_failed" | "result">): string | null {
  const result = row.result ?? {};
  const parts: string[] = [];
  const unit = ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"].includes(row.phase_key) ? "portfolios" : "symbols";
  if (row.items_failed > 0) parts.push(`${row.items_failed} ${unit} failed`);
  const coverage = numberOf(result, ["coverage", "minCoverage", "coveragePct", "averageCoverage"]);
  if (coverage !== null) parts.push(`coverage ${coverage > 1 ? coverage.toFixed(0) : (coverage * 100).toFixed(0)}%`);
  const capped = numberOf(result, ["cappedBetas", "capped", "cappedCount", "capped_betas"]);
  if (capped !== null && capped > 0) parts.push(`${capped} capped betas`);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/**
 * Pure: places the latest attempt of each (date, phase) into a dates × PHASE_KEYS grid; absent cells are "missing".
 * The grid starts at the first date any phase ran for: the dates before it are not gaps, nothing existed yet.
 */
export function buildRunGrid(dates: string[], source: GridSourceRow[]): RunGrid {
  const byKey = new Map(source.map((row) => [`${row.calc_date}|${row.phase_key}`, row]));
  const firstWithData = source.reduce<string | null>((first, row) => (first === null || row.calc_date < first ? row.calc_date : first), null);
  const newestFirst = [...dates].filter((date) => firstWithData !== null && date >= firstWithData).sort((a, b) => b.localeCompare(a));
  return {
    dates: newestFirst,
    phases: [...PHASE_KEYS],
    phaseLabels: PHASE_KEYS.map(phaseLabelOf),
    rows: newestFirst.map((date) => ({
      date,
      cells: PHASE_KEYS.map((phase): GridCell => {
        const row = byKey.get(`${date}|${phase}`);
        if (!row) return { status: "missing", runId: null, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, durationMs: null, hint: null, attempts: 0 };
        return {
          status: shownPhaseStatus(row.status, row.items_done, row.items_failed), runId: row.run_id, itemsDone: row.items_done, itemsFailed: row.items_failed,
          itemsSkipped: row.items_skipped, durationMs: row.duration_ms, hint: describeCellQuality(row), attempts: Number(row.attempts),
        };
      }),
    })),
  };
}

const SQL = `
  SELECT DISTINCT ON (calc_date, phase_key)
         calc_date, phase_key, status, run_id, items_done, items_failed, items_skipped, duration_ms, result,
         count(*) OVER (PARTITION BY calc_date, phase_key) AS attempts
    FROM batch_phase_runs
   WHERE calc_date BETWEEN $1 AND $2
   ORDER BY calc_date, phase_key, started_at DESC NULLS LAST`;

export async function getRunGrid(viewer: Viewer, options: { days?: number; now?: Date } = {}): Promise<RunGrid> {
  assertAdmin(viewer);
  const dates = tradingDaysBack(latestCompletedTradingDay(options.now ?? new Date()), options.days ?? 60);
  const { rows } = await getPool().query<GridSourceRow>(SQL, [dates[0], dates[dates.length - 1]]);
  return buildRunGrid(dates, rows);
}
