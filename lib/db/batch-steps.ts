/**
 * The planned steps of a run (`<date>/<phase>` or `<date>/<phase>/<chunk>`): a resumed run keeps its plan and never
 * repeats a completed step. Writes succeed only while the caller holds the run's lease.
 */
import { LeaseLostError, type RunLease } from "./batch-runs";
import { getPool } from "./client";

export interface StepRow {
  stepKey: string;
  status: "pending" | "running" | "completed" | "failed";
  attempt: number;
  output: Record<string, unknown> | null;
}

const HOLDS_LEASE = `EXISTS (SELECT 1 FROM batch_runs r WHERE r.id = $1 AND r.owner = $2 AND r.status = 'running')`;

/** Creates planned steps once; an existing plan (a resumed run) is kept as it was. */
export async function planSteps(lease: RunLease, steps: { stepKey: string; output: Record<string, unknown> }[]): Promise<void> {
  if (steps.length === 0) return;
  const result = await getPool().query(
    `INSERT INTO batch_steps (id, run_id, step_key, status, attempt, output)
     SELECT gen_random_uuid(), $1, s.key, 'pending', 0, s.output
       FROM unnest($3::text[], $4::jsonb[]) AS s(key, output)
      WHERE ${HOLDS_LEASE}
     ON CONFLICT (run_id, step_key) DO NOTHING
     RETURNING 1`,
    [lease.runId, lease.owner, steps.map((step) => step.stepKey), steps.map((step) => JSON.stringify(step.output))],
  );
  if (result.rowCount === 0 && !(await holdsLease(lease))) throw new LeaseLostError(lease.runId);
}

export async function markStepRunning(lease: RunLease, stepKey: string): Promise<void> {
  const result = await getPool().query(
    `INSERT INTO batch_steps (id, run_id, step_key, status, attempt, started_at)
     SELECT gen_random_uuid(), $1, $3, 'running', 1, now() WHERE ${HOLDS_LEASE}
     ON CONFLICT (run_id, step_key) DO UPDATE SET status = 'running', attempt = batch_steps.attempt + 1, started_at = now(), error = NULL`,
    [lease.runId, lease.owner, stepKey],
  );
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
}

/** A step completion: only the lease holder may record it. */
export async function markStepDone(lease: RunLease, stepKey: string, status: "completed" | "failed", output: Record<string, unknown>, error?: string): Promise<void> {
  const result = await getPool().query(
    `UPDATE batch_steps SET status = $4, output = COALESCE(output, '{}'::jsonb) || $5::jsonb, error = $6, completed_at = now()
      WHERE run_id = $1 AND step_key = $3 AND ${HOLDS_LEASE}`,
    [lease.runId, lease.owner, stepKey, status, JSON.stringify(output), error ?? null],
  );
  if (result.rowCount === 0) throw new LeaseLostError(lease.runId);
}

/** The planned steps of one phase of one date (`<date>/<phase>` or `<date>/<phase>/<chunk>`). */
export async function listPhaseStepRows(runId: string, prefix: string): Promise<StepRow[]> {
  const result = await getPool().query(
    `SELECT step_key, status, attempt, output FROM batch_steps WHERE run_id = $1 AND (step_key = $2 OR step_key LIKE $2 || '/%')`,
    [runId, prefix],
  );
  return result.rows.map(toStepRow);
}

/** One step row (null when it was never planned): a chunk reads its own row, not every step's item list. */
export async function getPhaseStepRow(runId: string, stepKey: string): Promise<StepRow | null> {
  const result = await getPool().query(`SELECT step_key, status, attempt, output FROM batch_steps WHERE run_id = $1 AND step_key = $2`, [runId, stepKey]);
  return result.rows[0] ? toStepRow(result.rows[0]) : null;
}

const toStepRow = (row: { step_key: string; status: StepRow["status"]; attempt: number; output: StepRow["output"] }): StepRow =>
  ({ stepKey: row.step_key, status: row.status, attempt: row.attempt, output: row.output });

async function holdsLease(lease: RunLease): Promise<boolean> {
  const result = await getPool().query(`SELECT 1 FROM batch_runs r WHERE r.id = $1 AND r.owner = $2 AND r.status = 'running'`, [lease.runId, lease.owner]);
  return (result.rowCount ?? 0) > 0;
}
