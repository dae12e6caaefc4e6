/**
 * Phase rows of a run (one per date and phase). Writes go through the run's lease: they succeed only while the
 * caller owns the running run.
 */
import type { PhaseKey, PhaseStatus } from "../batch/phase-types";
import { LeaseLostError, type ErrorSummary, type RunLease } from "./batch-runs";
import { getPool } from "./client";

export interface PhaseRunUpdate {
  status: PhaseStatus | "running" | "pending";
  startedAt?: Date | null;
  completedAt?: Date | null;
  durationMs?: number | null;
  itemsTotal?: number;
  itemsDone?: number;
  itemsFailed?: number;
  itemsSkipped?: number;
  errors?: ErrorSummary | null;
  logs?: { at: string; level: string; message: string }[];
  result?: Record<string, unknown>;
}

/** `$1` run id, `$2` owner: the rows a statement may touch exist only while the caller holds the lease. */
const HOLDS_LEASE = `EXISTS (SELECT 1 FROM batch_runs r WHERE r.id = $1 AND r.owner = $2 AND r.status = 'running')`;

export async function upsertPhaseRun(lease: RunLease, calcDate: string, phaseKey: PhaseKey, update: PhaseRunUpdate): Promise<void> {
  const result = await getPool().query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, started_at, completed_at, duration_ms,
                                   items_total, items_done, items_failed, items_skipped, errors, logs, result)
     SELECT gen_random_uuid(), $1::uuid, $3::date, $4::text, $5::text, $6::timestamptz, $7::timestamptz, $8::int,
            COALESCE($9::int, 0), COALESCE($10::int, 0), COALESCE($11::int, 0), COALESCE($12::int, 0),
            $13::jsonb, COALESCE($14::jsonb, '[]'::jsonb), COALESCE($15::jsonb, '{}'::jsonb)
      WHERE ${HOLDS_LEASE}
     ON CONFLICT (run_id, calc_date, phase_key) DO UPDATE SET
       status = EXCLUDED.status,
       started_at = COALESCE(batch_phase_runs.started_at, EXCLUDED.started_at),
       completed_at = EXCLUDED.completed_at,
       duration_ms = EXCLUDED.duration_ms,
       items_total = COALESCE($9::int, batch_phase_runs.items_total),
       items_done = COALESCE($10::int, batch_phase_runs.items_done),
       items_failed = COALESCE($11::int, batch_phase_runs.items_failed),
       items_skipped = COALESCE($12::int, batch_phase_runs.items_skipped),
       errors = CASE WHEN $16::boolean THEN EXCLUDED.errors ELSE batch_phase_runs.errors END,
       logs = COALESCE($14::jsonb, batch_phase_runs.logs),
       result = COALESCE($15::jsonb, batch_phase_runs.result)`,
    [lease.runId, lease.owner, calcDate, phaseKey, update.status, update.startedAt ?? null, update.completedAt ?? null, update.durationMs ?? null,
      update.itemsTotal ?? null, update.itemsDone ?? null, update.itemsFailed ?? null, update.itemsSkipped ?? null,
      update.errors ? JSON.stringify(update.errors) : null, update.logs ? JSON.stringify(update.logs) : null,
      update.result ? JSON.stringify(update.result) : null, update.errors !== undefined],
  );
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
}

/**
 * Live progress of a phase that is still running. It never touches a recorded phase row: the progress writes are
 * fire-and-forget, and a late one must not turn a recorded (e.g. partial) phase back into `running`.
 */
export async function updatePhaseProgress(lease: RunLease, calcDate: string, phaseKey: PhaseKey, itemsDone: number, itemsTotal: number): Promise<void> {
  await getPool().query(
    `UPDATE batch_phase_runs SET items_done = $5, items_total = $6
      WHERE run_id = $1 AND calc_date = $3 AND phase_key = $4 AND status = 'running' AND ${HOLDS_LEASE}`,
    [lease.runId, lease.owner, calcDate, phaseKey, itemsDone, itemsTotal],
  );
}

/** Which of these phases of the run and date ended `failed`. */
export async function listFailedPhaseKeys(runId: string, date: string, phaseKeys: readonly string[]): Promise<string[]> {
  const result = await getPool().query<{ phase_key: string }>(
    `SELECT phase_key FROM batch_phase_runs WHERE run_id = $1 AND calc_date = $2 AND phase_key = ANY($3::text[]) AND status = 'failed'`,
    [runId, date, phaseKeys],
  );
  return result.rows.map((row) => row.phase_key);
}

export async function getPhaseStartedAt(runId: string, date: string, phaseKey: string): Promise<Date | null> {
  const result = await getPool().query<{ started_at: Date | null }>(
    `SELECT started_at FROM batch_phase_runs WHERE run_id = $1 AND calc_date = $2 AND phase_key = $3`, [runId, date, phaseKey]);
  return result.rows[0]?.started_at ?? null;
}

export interface FinishedPhaseRow {
  status: string;
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  errors: ErrorSummary | null;
}

/** The run's phase rows that finished (not running or pending), oldest date first. */
export async function listFinishedPhaseRows(runId: string): Promise<FinishedPhaseRow[]> {
  const result = await getPool().query<{ status: string; items_total: number; items_done: number; items_failed: number; errors: ErrorSummary | null }>(
    `SELECT status, items_total, items_done, items_failed, errors FROM batch_phase_runs
      WHERE run_id = $1 AND status NOT IN ('running', 'pending') ORDER BY calc_date, phase_key`,
    [runId],
  );
  return result.rows.map((row) => ({ status: row.status, itemsTotal: row.items_total, itemsDone: row.items_done, itemsFailed: row.items_failed, errors: row.errors }));
}

/** `<date>/<phase>` keys of the run's phases that are done (completed or skipped), or with `includeRecorded` any finished. */
export async function listDonePhaseKeys(runId: string, includeRecorded: boolean): Promise<Set<string>> {
  const result = await getPool().query<{ calc_date: string; phase_key: string }>(
    `SELECT calc_date::text AS calc_date, phase_key FROM batch_phase_runs
      WHERE run_id = $1 AND (status IN ('completed', 'skipped') OR ($2 AND completed_at IS NOT NULL))`, [runId, includeRecorded]);
  return new Set(result.rows.map((row) => `${row.calc_date}/${row.phase_key}`));
}

/** Symbols that failed in the latest recorded run of a phase on a date (for "rerun only failed symbols"). */
export async function listFailedSymbolsOfPhase(date: string, phaseKey: string): Promise<string[]> {
  const result = await getPool().query<{ errors: { details?: { symbol?: string }[] } | null }>(
    `SELECT errors FROM batch_phase_runs WHERE calc_date = $1 AND phase_key = $2 AND completed_at IS NOT NULL
      ORDER BY completed_at DESC LIMIT 1`,
    [date, phaseKey],
  );
  const details = result.rows[0]?.errors?.details ?? [];
  return [...new Set(details.map((detail) => detail.symbol).filter((symbol): symbol is string => Boolean(symbol)))].sort();
}

/** Dates whose latest phase records show a failure (failed, partial or blocked). */
export async function listDatesWithFailedPhases(dates: readonly string[]): Promise<Set<string>> {
  const result = await getPool().query<{ date: string }>(
    `SELECT DISTINCT calc_date AS date FROM (
       SELECT DISTINCT ON (calc_date, phase_key) calc_date, status FROM batch_phase_runs
        WHERE calc_date = ANY($1::date[]) AND completed_at IS NOT NULL ORDER BY calc_date, phase_key, completed_at DESC
     ) latest WHERE status IN ('failed', 'partial', 'blocked')`,
    [dates],
  );
  return new Set(result.rows.map((row) => row.date));
}

/** Every recorded error detail of a run's phases (for a job's failure reason). */
export async function listRunErrorDetails(runId: string): Promise<{ type: string; message: string; symbol?: string; portfolioId?: string }[]> {
  const result = await getPool().query<{ errors: { details?: { type: string; message: string; symbol?: string; portfolioId?: string }[] } | null }>(
    `SELECT errors FROM batch_phase_runs WHERE run_id = $1 AND errors IS NOT NULL ORDER BY calc_date, phase_key`, [runId]);
  return result.rows.flatMap((row) => row.errors?.details ?? []);
}

export interface RunPhaseRow {
  runId: string;
  date: string;
  phase: string;
  status: string;
  itemsDone: number;
  itemsFailed: number;
  errors: { type: string; message: string; symbol?: string; portfolioId?: string }[];
}

/** The phase rows of these runs, by run, date and pipeline order. */
export async function listPhaseRowsOfRuns(runIds: readonly string[]): Promise<RunPhaseRow[]> {
  if (runIds.length === 0) return [];
  const result = await getPool().query<{ run_id: string; calc_date: string; phase_key: string; status: string; items_done: number; items_failed: number; errors: ErrorSummary | null }>(
    `SELECT run_id, calc_date, phase_key, status, items_done, items_failed, errors FROM batch_phase_runs
      WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, calc_date, phase_key`, [runIds]);
  return result.rows.map((row) => ({
    runId: row.run_id, date: row.calc_date, phase: row.phase_key, status: row.status, itemsDone: row.items_done, itemsFailed: row.items_failed,
    errors: row.errors?.details ?? [],
  }));
}
