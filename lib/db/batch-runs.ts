/**
 * Run rows and their lease. A running run has an owner token: heartbeats, phase and step writes and the final status
 * succeed only while the caller holds it (`WHERE id = $1 AND owner = $2 AND status = 'running'`), so a run taken over
 * after its heartbeat went stale can never be finished, or written to, by its old owner.
 */
import type { PhaseErrorDetail } from "../batch/phase-types";
import { getPool } from "./client";

export type RunStatus = "running" | "completed" | "failed" | "partial";
export type JobType = "nightly" | "backfill" | "rerun" | "onboarding";
export type Trigger = "cron" | "admin" | "backfill" | "onboarding" | "cli" | "startup";
export type RunEngine = "runner" | "inngest";

/** The caller's claim on a running run. */
export interface RunLease {
  runId: string;
  owner: string;
}

/** Refusal of a second run of a job type while one runs; the message names the running run. */
export class RunRefusedError extends Error {}

/** The caller no longer holds the run's lease (it was taken over, finished or failed as stale). */
export class LeaseLostError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} is no longer held by this process (taken over or finished); it stops here.`);
  }
}

export interface RunRow {
  id: string;
  jobType: JobType;
  status: RunStatus;
  triggeredBy: Trigger;
  engine: RunEngine;
  owner: string | null;
  params: Record<string, unknown>;
  calcDates: string[];
  startedAt: Date;
  heartbeatAt: Date;
  staleAfterMs: number;
}

export interface ErrorSummary {
  count: number;
  types: string[];
  details: PhaseErrorDetail[];
}

const RUNNING_INDEX = "batch_runs_one_running_per_job_type";
export const HEARTBEAT_LOST = "heartbeat lost";
const STALE = `heartbeat_at < now() - make_interval(secs => stale_after_ms / 1000.0)`;

/** Runs whose owner stopped beating for longer than their own staleness limit are failed (and resumable). */
export async function failStaleRuns(): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `UPDATE batch_runs SET status = 'failed', completed_at = now(), waiting_for = NULL,
            failure_reason = '${HEARTBEAT_LOST}: the process running it stopped; resume it to continue from its last completed step'
      WHERE status = 'running' AND ${STALE}
      RETURNING id`,
  );
  return result.rows.map((row) => row.id);
}

export async function insertRun(input: {
  jobType: JobType;
  triggeredBy: Trigger;
  userId?: string | null;
  params: Record<string, unknown>;
  calcDates: string[];
  engine: RunEngine;
  owner: string;
  staleAfterMs: number;
}): Promise<string> {
  try {
    const result = await getPool().query<{ id: string }>(
      `INSERT INTO batch_runs (id, job_type, status, triggered_by, triggered_by_user_id, engine, params, calc_dates, owner, stale_after_ms)
       VALUES (gen_random_uuid(), $1, 'running', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.jobType, input.triggeredBy, input.userId ?? null, input.engine, JSON.stringify(input.params), input.calcDates,
        input.owner, input.staleAfterMs],
    );
    return result.rows[0].id;
  } catch (error) {
    if (isUniqueViolation(error, RUNNING_INDEX)) throw await refusal(input.jobType);
    throw error;
  }
}

/**
 * Gives the run to `owner` so it resumes after its last completed step: a failed run always, a running one only when
 * the caller already holds it, its lease went stale, it waits for a hand-off (`handoffPrefix`) or `force` is set.
 */
export async function takeOverRun(runId: string, owner: string, options: {
  engine: RunEngine;
  staleAfterMs: number;
  force?: boolean;
  handoffPrefix?: string;
}): Promise<RunRow> {
  try {
    const result = await getPool().query(
      `UPDATE batch_runs SET status = 'running', owner = $2, engine = $3, stale_after_ms = $4, heartbeat_at = now(),
              completed_at = NULL, failure_reason = NULL, waiting_for = NULL
        WHERE id = $1 AND (status = 'failed' OR (status = 'running' AND (owner IS NOT DISTINCT FROM $2 OR ${STALE} OR $5
                           OR ($6::text IS NOT NULL AND owner LIKE $6 || '%'))))
        RETURNING id`,
      [runId, owner, options.engine, options.staleAfterMs, options.force === true, options.handoffPrefix ?? null],
    );
    if (result.rowCount === 0) {
      const run = await getRunOrThrow(runId).catch(() => null);
      if (run?.status === "running") {
        throw new RunRefusedError(`Run ${runId} is still running elsewhere (last heartbeat ${run.heartbeatAt.toISOString()}); it can be taken over once its heartbeat is stale.`);
      }
      throw new RunRefusedError(`Run ${runId} cannot be resumed: it does not exist or it finished.`);
    }
  } catch (error) {
    if (isUniqueViolation(error, RUNNING_INDEX)) throw await refusal((await getRunOrThrow(runId)).jobType);
    throw error;
  }
  return getRunOrThrow(runId);
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
    `SELECT id, job_type, status, triggered_by, engine, owner, params, calc_dates, started_at, heartbeat_at, stale_after_ms
       FROM batch_runs WHERE id = $1`,
    [runId],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`No run ${runId}.`);
  return {
    id: row.id, jobType: row.job_type, status: row.status, triggeredBy: row.triggered_by, engine: row.engine, owner: row.owner,
    params: row.params, calcDates: row.calc_dates ?? [], startedAt: row.started_at, heartbeatAt: row.heartbeat_at,
    staleAfterMs: row.stale_after_ms,
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

/** Beats the run's heartbeat; false when the caller does not hold the lease (any more). */
export async function beatHeartbeat(lease: RunLease): Promise<boolean> {
  const result = await getPool().query(
    `UPDATE batch_runs SET heartbeat_at = now() WHERE id = $1 AND owner = $2 AND status = 'running'`, [lease.runId, lease.owner]);
  return (result.rowCount ?? 0) > 0;
}

/** Beats the heartbeat (clearing a `waiting for` note: the run is moving) or throws LeaseLostError. */
export async function assertLease(lease: RunLease): Promise<void> {
  const result = await getPool().query(
    `UPDATE batch_runs SET heartbeat_at = now(), waiting_for = NULL WHERE id = $1 AND owner = $2 AND status = 'running'`, [lease.runId, lease.owner]);
  if (!result.rowCount) throw new LeaseLostError(lease.runId);
}

/** The progress note shown while the run waits for a date another run holds (null clears it). */
export async function setRunWaiting(lease: RunLease, note: string | null): Promise<void> {
  await getPool().query(
    `UPDATE batch_runs SET waiting_for = $3, heartbeat_at = now() WHERE id = $1 AND owner = $2 AND status = 'running'`,
    [lease.runId, lease.owner, note]);
}

export async function setRunDates(lease: RunLease, calcDates: string[]): Promise<void> {
  const result = await getPool().query(
    `UPDATE batch_runs SET calc_dates = $3 WHERE id = $1 AND owner = $2 AND status = 'running'`, [lease.runId, lease.owner, calcDates]);
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
}

/** The final status; only the lease holder may write it. Releases the run's date locks. */
export async function finishRun(lease: RunLease, input: {
  status: Exclude<RunStatus, "running">;
  totalItems: number;
  completedItems: number;
  failedItems: number;
  errorSummary: ErrorSummary | null;
  failureReason?: string | null;
}): Promise<void> {
  const result = await getPool().query(
    `UPDATE batch_runs SET status = $3, completed_at = now(), heartbeat_at = now(), waiting_for = NULL,
            duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int,
            total_items = $4, completed_items = $5, failed_items = $6, error_summary = $7, failure_reason = $8
      WHERE id = $1 AND owner = $2 AND status = 'running'`,
    [lease.runId, lease.owner, input.status, input.totalItems, input.completedItems, input.failedItems,
      input.errorSummary ? JSON.stringify(input.errorSummary) : null, input.failureReason ?? null],
  );
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
  await getPool().query(`DELETE FROM batch_date_locks WHERE run_id = $1`, [lease.runId]);
}

/** In-process runs a dead process left behind: still `running` with a stale lease, or failed by it within a day. */
export async function listInterruptedRunIds(): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `SELECT id FROM batch_runs WHERE engine = 'runner' AND job_type <> 'onboarding' AND
       ((status = 'running' AND ${STALE})
        OR (status = 'failed' AND failure_reason LIKE '${HEARTBEAT_LOST}%' AND completed_at > now() - interval '1 day'))
     ORDER BY started_at`,
  );
  return result.rows.map((row) => row.id);
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
  waitingFor: string | null;
}

export async function listRecentRuns(limit: number): Promise<RecentRun[]> {
  const result = await getPool().query(
    `SELECT id, job_type, status, triggered_by, started_at, duration_ms, calc_dates, failure_reason, waiting_for
       FROM batch_runs ORDER BY started_at DESC, id LIMIT $1`, [limit]);
  return result.rows.map((row) => ({
    id: row.id, jobType: row.job_type, status: row.status, triggeredBy: row.triggered_by, startedAt: row.started_at,
    durationMs: row.duration_ms, calcDates: row.calc_dates ?? [], failureReason: row.failure_reason, waitingFor: row.waiting_for,
  }));
}

/**
 * Inside a write transaction, just before COMMIT: holds a share lock on the run row while the caller owns the run,
 * else throws LeaseLostError (the transaction then rolls back). A take-over (an UPDATE of that row) waits for the
 * commit, so data written under an old lease always lands before the new owner starts.
 */
export async function fenceLease(db: { query: (sql: string, values?: unknown[]) => Promise<{ rowCount: number | null }> }, lease: RunLease): Promise<void> {
  const result = await db.query(`SELECT 1 FROM batch_runs WHERE id = $1 AND owner = $2 AND status = 'running' FOR SHARE`, [lease.runId, lease.owner]);
  if (!result.rowCount) throw new LeaseLostError(lease.runId);
}

/** Passes a running run to whoever claims `handoffOwner` next (an Inngest continuation); only the holder may. */
export async function handOffRun(lease: RunLease, handoffOwner: string): Promise<void> {
  const result = await getPool().query(
    `UPDATE batch_runs SET owner = $3, heartbeat_at = now() WHERE id = $1 AND owner = $2 AND status = 'running'`,
    [lease.runId, lease.owner, handoffOwner]);
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
}

/** The running run of a job type that `owner` already holds (a create step retried after it wrote the row), if any. */
export async function findRunningRunOwnedBy(jobType: JobType, owner: string): Promise<string | null> {
  const result = await getPool().query<{ id: string }>(
    `SELECT id FROM batch_runs WHERE job_type = $1 AND owner = $2 AND status = 'running' LIMIT 1`, [jobType, owner]);
  return result.rows[0]?.id ?? null;
}
