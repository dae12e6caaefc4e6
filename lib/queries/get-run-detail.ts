import "server-only";
import { assertAdmin, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { PHASE_KEYS } from "@/lib/batch/phase-types";
import type { ErrorDetailDto, LogEntryDto, PhaseRunStatus, RunListItem } from "./run-types";
import type { ErrorGroupDto, PhaseRunDto, RunDetail } from "@/lib/schemas/run-dto";
import { computeRunProgress, phaseLabelOf, shownPhaseStatus, shownRunStatus } from "./run-status";

export type { ErrorGroupDto, RunDetail } from "@/lib/schemas/run-dto";

/** Groups structured phase errors by `type`, largest group first; tolerant of malformed JSON. */
export function groupErrors(raw: unknown): { count: number; groups: ErrorGroupDto[] } {
  const value = (raw ?? {}) as { count?: unknown; details?: unknown };
  const details = Array.isArray(value.details) ? (value.details as ErrorDetailDto[]) : [];
  const byType = new Map<string, ErrorDetailDto[]>();
  for (const detail of details) {
    const type = typeof detail?.type === "string" ? detail.type : "unknown";
    byType.set(type, [...(byType.get(type) ?? []), { ...detail, type, message: String(detail?.message ?? "") }]);
  }
  const groups = [...byType.entries()].map(([type, list]) => ({ type, count: list.length, details: list }));
  groups.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const count = typeof value.count === "number" ? value.count : details.length;
  return { count, groups };
}

function phaseOrder(key: string): number {
  const index = (PHASE_KEYS as readonly string[]).indexOf(key);
  return index === -1 ? PHASE_KEYS.length : index;
}

interface RunRow {
  id: string; job_type: string; status: RunListItem["status"]; triggered_by: string; triggered_by_user_id: string | null;
  params: Record<string, unknown> | null; calc_dates: string[] | null; started_at: Date; heartbeat_at: Date;
  completed_at: Date | null; duration_ms: number | null; total_items: number; completed_items: number; failed_items: number;
  error_summary: { count?: number; types?: unknown } | null; failure_reason: string | null; waiting_for: string | null;
}

interface PhaseRow {
  id: string; calc_date: string; phase_key: string; status: PhaseRunStatus; started_at: Date | null; completed_at: Date | null;
  duration_ms: number | null; items_total: number; items_done: number; items_failed: number; items_skipped: number;
  errors: unknown; logs: unknown; result: Record<string, unknown> | null;
}

/** The run with its phases and logs; NotFoundError when there is none. */
export async function getRunDetail(viewer: Viewer, runId: string): Promise<RunDetail> {
  assertAdmin(viewer);
  const pool = getPool();
  const [{ rows: runs }, { rows: phases }, { rows: steps }] = await Promise.all([
    pool.query<RunRow>("SELECT * FROM batch_runs WHERE id = $1", [runId]),
    pool.query<PhaseRow>("SELECT * FROM batch_phase_runs WHERE run_id = $1", [runId]),
    pool.query<{ step_key: string; status: string }>("SELECT step_key, status FROM batch_steps WHERE run_id = $1", [runId]),
  ]);
  const run = runs[0];
  if (!run) throw new NotFoundError(`Run ${runId} not found.`);
  phases.sort((a, b) => a.calc_date.localeCompare(b.calc_date) || phaseOrder(a.phase_key) - phaseOrder(b.phase_key));
  const logs: RunDetail["logs"] = [];
  const phaseDtos = phases.map((phase): PhaseRunDto => {
    const phaseLogs = Array.isArray(phase.logs) ? (phase.logs as LogEntryDto[]) : [];
    for (const entry of phaseLogs) logs.push({ at: String(entry.at), level: String(entry.level), message: String(entry.message), phaseKey: phase.phase_key, phaseLabel: phaseLabelOf(phase.phase_key), calcDate: phase.calc_date });
    const errors = groupErrors(phase.errors);
    return {
      id: phase.id, calcDate: phase.calc_date, phaseKey: phase.phase_key, phaseLabel: phaseLabelOf(phase.phase_key),
      status: shownPhaseStatus(phase.status, phase.items_done, phase.items_failed),
      startedAt: phase.started_at?.toISOString() ?? null, completedAt: phase.completed_at?.toISOString() ?? null,
      durationMs: phase.duration_ms, itemsTotal: phase.items_total, itemsDone: phase.items_done,
      itemsFailed: phase.items_failed, itemsSkipped: phase.items_skipped, errorCount: errors.count, errorGroups: errors.groups,
      result: phase.result ?? {}, logCount: phaseLogs.length,
    };
  });
  logs.sort((a, b) => a.at.localeCompare(b.at));
  const work = Array.isArray(run.params?.work) ? (run.params.work as { date: string; phases: string[] }[]) : [];
  const progress = computeRunProgress(work, phaseDtos, steps.map((step) => ({ stepKey: step.step_key, status: step.status })));
  const skippedItems = phaseDtos.reduce((sum, phase) => sum + phase.itemsSkipped, 0);
  const types = Array.isArray(run.error_summary?.types) ? (run.error_summary.types as unknown[]).map(String) : [];
  return {
    id: run.id, jobType: run.job_type, status: shownRunStatus(run.status, run.completed_items, run.failed_items, run.calc_dates ?? []),
    triggeredBy: run.triggered_by,
    triggeredByUserId: run.triggered_by_user_id, params: run.params ?? {}, calcDates: run.calc_dates ?? [],
    startedAt: run.started_at.toISOString(), heartbeatAt: run.heartbeat_at.toISOString(),
    completedAt: run.completed_at?.toISOString() ?? null, durationMs: run.duration_ms,
    totalItems: run.total_items, completedItems: run.completed_items, failedItems: run.failed_items, skippedItems,
    notReachedItems: Math.max(0, run.total_items - run.completed_items - run.failed_items - skippedItems),
    errorCount: run.error_summary?.count ?? 0, failureReason: run.failure_reason,
    waitingFor: run.status === "running" ? run.waiting_for : null,
    errorSummary: run.error_summary ? { count: Number(run.error_summary.count ?? 0), types } : null,
    phases: phaseDtos, logs,
    progress,
  };
}
