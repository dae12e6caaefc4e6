import type { PhaseErrorDetail, PhaseKey, PhaseStatus } from "../batch/phase-types";
import { getPool } from "./client";

export type RunStatus = "running" | "completed" | "failed" | "partial";
export type JobType = "nightly" | "backfill" | "rerun" | "onboarding";
export type Trigger = "cron" | "admin" | "backfill" | "onboarding" | "cli" | "startup";

/** Refusal of a second run of a job type while one runs (D12); the message names the running run. */
export class RunRefusedError extends Error {}

export interface RunRow {
  id: string;
  jobType: JobType;
  status: RunStatus;
  triggeredBy: Trigger;
  params: Record<string, unknown>;
  calcDates: string[];
  startedAt: Date;
  heartbeatAt: Date;
}

export interface ErrorSummary {
  count: number;
  types: string[];
  details: PhaseErrorDetail[];
}

const RUNNING_INDEX = "batch_runs_one_running_per_job_type";

/** Runs whose process stopped beating for `staleMs` are failed (and resumable), freeing their job type. */
export async function failStaleRuns(staleMs: number): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `UPDATE batch_runs SET status = 'failed', completed_at = now(),
            failure_reason = 'heartbeat lost: the process running it stopped; resume it to continue from its last completed step'
      WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)
      RETURNING id`,
    [staleMs],
  );
  return result.rows.map((row) => row.id);
}

export async function insertRun(input: {
  jobType: JobType;
  triggeredBy: Trigger;
  userId?: string | null;
  params: Record<string, unknown>;
  calcDates: string[];
  engine: "runner" | "inngest";
}): Promise<string> {
  try {
    const result = await getPool().query<{ id: string }>(
      `INSERT INTO batch_runs (id, job_type, status, triggered_by, triggered_by_user_id, engine, params, calc_dates)
       VALUES (gen_random_uuid(), $1, 'running', $2, $3, $4, $5, $6) RETURNING id`,
      [input.jobType, input.triggeredBy, input.userId ?? null, input.engine, JSON.stringify(input.params), input.calcDates],
    );
    return result.rows[0].id;
  } catch (error) {
    if (isUniqueViolation(error, RUNNING_INDEX)) throw await refusal(input.jobType);
    throw error;
  }
}

/** Takes a failed (heartbeat-lost) or orphaned run back to `running` so it resumes after its last completed step. */
export async function reopenRun(runId: string): Promise<void> {
  try {
    const result = await getPool().query(
      `UPDATE batch_runs SET status = 'running', heartbeat_at = now(), completed_at = NULL, failure_reason = NULL
        WHERE id = $1 AND status IN ('running', 'failed') RETURNING id`,
      [runId],
    );
    if (result.rowCount === 0) throw new RunRefusedError(`Run ${runId} cannot be resumed: it does not exist or it finished.`);
  } catch (error) {
    if (isUniqueViolation(error, RUNNING_INDEX)) {
      const run = await getRunOrThrow(runId);
      throw await refusal(run.jobType);
    }
    throw error;
  }
}

async function refusal(jobType: string): Promise<RunRefusedError> {
  const running = await getPool().query<{ id: string; started_at: Date; triggered_by: string }>(
    `SELECT id, started_at, triggered_by FROM batch_runs WHERE job_type = $1 AND status = 'running' LIMIT 1`,
    [jobType],
  );
  const row = running.rows[0];
  const detail = row ? ` (run ${row.id}, triggered by ${row.triggered_by}, started ${row.started_at.toISOString()})` : "";
  return new RunRefusedError(`A ${jobType} run is already running${detail}; wait for it to finish.`);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === "23505" && pgError.constraint === constraint;
}

export async function getRunOrThrow(runId: string): Promise<RunRow> {
  const result = await getPool().query(
    `SELECT id, job_type, status, triggered_by, params, calc_dates, started_at, heartbeat_at FROM batch_runs WHERE id = $1`,
    [runId],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`No run ${runId}.`);
  return {
    id: row.id, jobType: row.job_type, status: row.status, triggeredBy: row.triggered_by, params: row.params,
    calcDates: row.calc_dates ?? [], startedAt: row.started_at, heartbeatAt: row.heartbeat_at,
  };
}

/** Milliseconds since the run's last heartbeat, by the database clock; null when the run is not running. */
export async function getHeartbeatAgeMs(runId: string): Promise<number | null> {
  const result = await getPool().query<{ age_ms: number }>(
    `SELECT (extract(epoch FROM now() - heartbeat_at) * 1000)::float8 AS age_ms FROM batch_runs WHERE id = $1 AND status = 'running'`,
    [runId],
  );
  return result.rows[0]?.age_ms ?? null;
}

export async function beatHeartbeat(runId: string): Promise<void> {
  await getPool().query(`UPDATE batch_runs SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [runId]);
}

export async function setRunDates(runId: string, calcDates: string[]): Promise<void> {
  await getPool().query(`UPDATE batch_runs SET calc_dates = $2 WHERE id = $1`, [runId, calcDates]);
}

export async function finishRun(runId: string, input: {
  status: Exclude<RunStatus, "running">;
  totalItems: number;
  completedItems: number;
  failedItems: number;
  errorSummary: ErrorSummary | null;
  failureReason?: string | null;
}): Promise<void> {
  await getPool().query(
    `UPDATE batch_runs SET status = $2, completed_at = now(), heartbeat_at = now(),
            duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int,
            total_items = $3, completed_items = $4, failed_items = $5, error_summary = $6, failure_reason = $7
      WHERE id = $1`,
    [runId, input.status, input.totalItems, input.completedItems, input.failedItems,
      input.errorSummary ? JSON.stringify(input.errorSummary) : null, input.failureReason ?? null],
  );
}

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

export async function upsertPhaseRun(runId: string, calcDate: string, phaseKey: PhaseKey, update: PhaseRunUpdate): Promise<void> {
  await getPool().query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, started_at, completed_at, duration_ms,
                                   items_total, items_done, items_failed, items_skipped, errors, logs, result)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, COALESCE($8, 0), COALESCE($9, 0), COALESCE($10, 0), COALESCE($11, 0),
             $12, COALESCE($13, '[]'::jsonb), COALESCE($14, '{}'::jsonb))
     ON CONFLICT (run_id, calc_date, phase_key) DO UPDATE SET
       status = EXCLUDED.status,
       started_at = COALESCE(batch_phase_runs.started_at, EXCLUDED.started_at),
       completed_at = EXCLUDED.completed_at,
       duration_ms = EXCLUDED.duration_ms,
       items_total = COALESCE($8, batch_phase_runs.items_total),
       items_done = COALESCE($9, batch_phase_runs.items_done),
       items_failed = COALESCE($10, batch_phase_runs.items_failed),
       items_skipped = COALESCE($11, batch_phase_runs.items_skipped),
       errors = CASE WHEN $15 THEN EXCLUDED.errors ELSE batch_phase_runs.errors END,
       logs = COALESCE($13, batch_phase_runs.logs),
       result = COALESCE($14, batch_phase_runs.result)`,
    [runId, calcDate, phaseKey, update.status, update.startedAt ?? null, update.completedAt ?? null, update.durationMs ?? null,
      update.itemsTotal ?? null, update.itemsDone ?? null, update.itemsFailed ?? null, update.itemsSkipped ?? null,
      update.errors ? JSON.stringify(update.errors) : null, update.logs ? JSON.stringify(update.logs) : null,
      update.result ? JSON.stringify(update.result) : null, update.errors !== undefined],
  );
}

/**
 * Live progress of a phase that is still running. It never touches a recorded phase row: the progress writes are
 * fire-and-forget, and a late one must not turn a recorded (e.g. partial) phase back into `running`.
 */
export async function updatePhaseProgress(runId: string, calcDate: string, phaseKey: PhaseKey, itemsDone: number, itemsTotal: number): Promise<void> {
  await getPool().query(
    `UPDATE batch_phase_runs SET items_done = $4, items_total = $5
      WHERE run_id = $1 AND calc_date = $2 AND phase_key = $3 AND status = 'running'`,
    [runId, calcDate, phaseKey, itemsDone, itemsTotal],
  );
}

export interface StepRow {
  stepKey: string;
  status: "pending" | "running" | "completed" | "failed";
  attempt: number;
  output: Record<string, unknown> | null;
}

export async function listSteps(runId: string): Promise<Map<string, StepRow>> {
  const result = await getPool().query(`SELECT step_key, status, attempt, output FROM batch_steps WHERE run_id = $1`, [runId]);
  return new Map(result.rows.map((row) => [row.step_key, { stepKey: row.step_key, status: row.status, attempt: row.attempt, output: row.output }]));
}

/** Creates planned steps once; an existing plan (a resumed run) is kept as it was. */
export async function planSteps(runId: string, steps: { stepKey: string; output: Record<string, unknown> }[]): Promise<void> {
  if (steps.length === 0) return;
  await getPool().query(
    `INSERT INTO batch_steps (id, run_id, step_key, status, attempt, output)
     SELECT gen_random_uuid(), $1, s.key, 'pending', 0, s.output
       FROM unnest($2::text[], $3::jsonb[]) AS s(key, output)
     ON CONFLICT (run_id, step_key) DO NOTHING`,
    [runId, steps.map((step) => step.stepKey), steps.map((step) => JSON.stringify(step.output))],
  );
}

export async function markStepRunning(runId: string, stepKey: string): Promise<void> {
  await getPool().query(
    `INSERT INTO batch_steps (id, run_id, step_key, status, attempt, started_at) VALUES (gen_random_uuid(), $1, $2, 'running', 1, now())
     ON CONFLICT (run_id, step_key) DO UPDATE SET status = 'running', attempt = batch_steps.attempt + 1, started_at = now(), error = NULL`,
    [runId, stepKey],
  );
}

export async function markStepDone(runId: string, stepKey: string, status: "completed" | "failed", output: Record<string, unknown>, error?: string): Promise<void> {
  await getPool().query(
    `UPDATE batch_steps SET status = $3, output = COALESCE(output, '{}'::jsonb) || $4::jsonb, error = $5, completed_at = now()
      WHERE run_id = $1 AND step_key = $2`,
    [runId, stepKey, status, JSON.stringify(output), error ?? null],
  );
}

/** Portfolios a portfolio phase covers on a date: not deleted, already incepted. */
export async function listActivePortfolioIds(date: string): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `SELECT id FROM portfolios WHERE deleted_at IS NULL AND inception_date <= $1 ORDER BY id`, [date]);
  return result.rows.map((row) => row.id);
}

/** The planned steps of one phase of one date (`<date>/<phase>` or `<date>/<phase>/<chunk>`). */
export async function listPhaseStepRows(runId: string, prefix: string): Promise<StepRow[]> {
  const result = await getPool().query(
    `SELECT step_key, status, attempt, output FROM batch_steps WHERE run_id = $1 AND (step_key = $2 OR step_key LIKE $2 || '/%')`,
    [runId, prefix],
  );
  return result.rows.map((row) => ({ stepKey: row.step_key, status: row.status, attempt: row.attempt, output: row.output }));
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

/** Marks a run as executed by Inngest (it was created elsewhere, e.g. by the dashboard). */
export async function markRunOnInngest(runId: string): Promise<void> {
  await getPool().query(`UPDATE batch_runs SET engine = 'inngest', heartbeat_at = now() WHERE id = $1`, [runId]);
}

/** `<date>/<phase>` keys of the run's phases that are done (completed or skipped), or with `includeRecorded` any finished. */
export async function listDonePhaseKeys(runId: string, includeRecorded: boolean): Promise<Set<string>> {
  const result = await getPool().query<{ calc_date: string; phase_key: string }>(
    `SELECT calc_date::text AS calc_date, phase_key FROM batch_phase_runs
      WHERE run_id = $1 AND (status IN ('completed', 'skipped') OR ($2 AND completed_at IS NOT NULL))`, [runId, includeRecorded]);
  return new Set(result.rows.map((row) => `${row.calc_date}/${row.phase_key}`));
}

/** In-process runs a dead process left behind: still `running` with a stale heartbeat, or failed by it within a day. */
export async function listInterruptedRunIds(staleMs: number): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `SELECT id FROM batch_runs WHERE engine = 'runner' AND
       ((status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000))
        OR (status = 'failed' AND failure_reason LIKE 'heartbeat lost%' AND completed_at > now() - interval '1 day'))
     ORDER BY started_at`,
    [staleMs],
  );
  return result.rows.map((row) => row.id);
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

export interface RecentRun {
  id: string;
  jobType: string;
  status: string;
  triggeredBy: string;
  startedAt: Date;
  durationMs: number | null;
  calcDates: string[];
  failureReason: string | null;
}

export async function listRecentRuns(limit: number): Promise<RecentRun[]> {
  const result = await getPool().query(
    `SELECT id, job_type, status, triggered_by, started_at, duration_ms, calc_dates, failure_reason
       FROM batch_runs ORDER BY started_at DESC LIMIT $1`, [limit]);
  return result.rows.map((row) => ({
    id: row.id, jobType: row.job_type, status: row.status, triggeredBy: row.triggered_by, startedAt: row.started_at,
    durationMs: row.duration_ms, calcDates: row.calc_dates ?? [], failureReason: row.failure_reason,
  }));
}
