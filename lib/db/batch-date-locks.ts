/**
 * One writer per (calc date, phase group) across job types. A lock row names the run that holds it; it is free when
 * that run is no longer running or its lease went stale. Taking it needs the caller's run lease.
 */
import { LeaseLostError, type RunLease } from "./batch-runs";
import { getPool } from "./client";

export type PhaseGroup = "symbol_batch" | "portfolio_refresh";

/**
 * Takes the lock for the caller's run (re-entrant), or returns the id of the live run that holds it; null on success.
 * Throws LeaseLostError when the caller no longer holds its run.
 */
export async function tryAcquireDateLock(lease: RunLease, calcDate: string, group: PhaseGroup): Promise<string | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const holder = await insertOrReport(lease, calcDate, group);
    if (holder === null) return null;
    if (holder !== "") return holder;
    // The holder released between the two statements: try again.
  }
  throw new LeaseLostError(lease.runId);
}

/** null: taken; a run id: held by that run; "": free by now (released in between). */
async function insertOrReport(lease: RunLease, calcDate: string, group: PhaseGroup): Promise<string | null> {
  const { rows } = await getPool().query<{ run_id: string }>(
    `WITH mine AS (SELECT id FROM batch_runs WHERE id = $1 AND owner = $2 AND status = 'running')
     INSERT INTO batch_date_locks (calc_date, phase_group, run_id)
     SELECT $3, $4, id FROM mine
     ON CONFLICT (calc_date, phase_group) DO UPDATE SET run_id = EXCLUDED.run_id, acquired_at = now()
      WHERE batch_date_locks.run_id = EXCLUDED.run_id
         OR NOT EXISTS (SELECT 1 FROM batch_runs h WHERE h.id = batch_date_locks.run_id AND h.status = 'running'
                          AND h.heartbeat_at >= now() - make_interval(secs => h.stale_after_ms / 1000.0))
     RETURNING run_id`,
    [lease.runId, lease.owner, calcDate, group],
  );
  if (rows.length > 0) return null;
  const holder = await getPool().query<{ run_id: string; mine: boolean }>(
    `SELECT l.run_id, EXISTS (SELECT 1 FROM batch_runs WHERE id = $3 AND owner = $4 AND status = 'running') AS mine
       FROM (SELECT 1) one LEFT JOIN batch_date_locks l ON l.calc_date = $1 AND l.phase_group = $2`,
    [calcDate, group, lease.runId, lease.owner]);
  const row = holder.rows[0];
  if (!row.mine) throw new LeaseLostError(lease.runId);
  return row.run_id ?? "";
}

export async function releaseDateLock(runId: string, calcDate: string, group: PhaseGroup): Promise<void> {
  await getPool().query(`DELETE FROM batch_date_locks WHERE run_id = $1 AND calc_date = $2 AND phase_group = $3`, [runId, calcDate, group]);
}
