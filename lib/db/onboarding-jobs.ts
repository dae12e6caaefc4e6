/**
 * The symbol onboarding queue: one open job per symbol, linked to every portfolio that waits for it. A worker claims
 * jobs with a lease (owner token, heartbeat) like a run's; a sweep requeues jobs whose worker is gone, at most
 * MAX_JOB_ATTEMPTS times, then fails them with the reason.
 */
import { getPool, withTransaction } from "./client";
import { insertPositions, type NewPosition } from "./positions";

/** More symbols waiting than the queue (or a user's share of it) takes — HTTP 503 with this message. */
export class OnboardingQueueFullError extends Error {}
/** The user already has the most portfolios allowed. */
export class PortfolioLimitError extends Error {}

export const MAX_JOB_ATTEMPTS = 3;
/** A processing job whose worker has not beaten for this long is considered abandoned. */
export const JOB_STALE_MS = 30_000;

export interface ClaimedOnboardingJob {
  id: string;
  symbol: string;
  calcDate: string | null;
  attempts: number;
}

/** The latest date ≤ `latest` that has symbol factor rows, or null. */
export async function getLatestFactorDate(latest: string): Promise<string | null> {
  const result = await getPool().query<{ date: string | null }>(
    `SELECT max(calculation_date) AS date FROM symbol_factor_exposures WHERE calculation_date <= $1`, [latest]);
  return result.rows[0]?.date ?? null;
}

/** Which of these symbols have factor rows on the date. */
export async function listSymbolsWithFactors(date: string, symbols: readonly string[]): Promise<string[]> {
  const result = await getPool().query<{ symbol: string }>(
    `SELECT DISTINCT symbol FROM symbol_factor_exposures WHERE calculation_date = $1 AND symbol = ANY($2::text[])`, [date, symbols]);
  return result.rows.map((row) => row.symbol).sort();
}

export interface QueueLimits {
  maxPending: number;
  maxPendingPerUser: number;
  maxPortfoliosPerUser: number;
}

/**
 * Creates a portfolio with its positions, queues its unknown symbols and links it to every open job it waits for, in
 * one transaction under a lock of the queue, so concurrent onboardings cannot overfill it; a refusal creates nothing.
 */
export async function createPortfolioWithQueuedSymbols(input: {
  userId: string;
  name: string;
  startingEquity: number;
  inceptionDate: string;
  positions: readonly NewPosition[];
  queuedSymbols: readonly string[];
  limits: QueueLimits;
}): Promise<string> {
  return withTransaction(async (client) => {
    const owned = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM portfolios WHERE user_id = $1 AND deleted_at IS NULL`, [input.userId]);
    if (owned.rows[0].n >= input.limits.maxPortfoliosPerUser) {
      throw new PortfolioLimitError(`You already have ${owned.rows[0].n} portfolios, the most one user may have (${input.limits.maxPortfoliosPerUser}); delete one first.`);
    }
    if (input.queuedSymbols.length > 0) {
      await client.query("LOCK TABLE symbol_onboarding_jobs IN SHARE ROW EXCLUSIVE MODE");
      const counts = await client.query<{ pending: number; mine: number; joining: number }>(
        `SELECT count(*) FILTER (WHERE j.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE j.status IN ('pending', 'processing') AND EXISTS (
                  SELECT 1 FROM onboarding_job_portfolios l JOIN portfolios p ON p.id = l.portfolio_id WHERE l.job_id = j.id AND p.user_id = $1))::int AS mine,
                count(*) FILTER (WHERE j.status IN ('pending', 'processing') AND j.symbol = ANY($2::text[]))::int AS joining
           FROM symbol_onboarding_jobs j`, [input.userId, input.queuedSymbols]);
      const { pending, mine, joining } = counts.rows[0];
      const added = input.queuedSymbols.length - joining;
      if (pending + added > input.limits.maxPending) {
        throw new OnboardingQueueFullError(`The symbol onboarding queue is full (${pending} of ${input.limits.maxPending} pending); try again in a few minutes.`);
      }
      // A user's first waiting book may take what the queue has room for; more books queue at most the user's share.
      if (mine > 0 && mine + input.queuedSymbols.length > input.limits.maxPendingPerUser) {
        throw new OnboardingQueueFullError(`You already have ${mine} symbols waiting to be onboarded and this portfolio adds ${input.queuedSymbols.length}, over the ${input.limits.maxPendingPerUser} a user may have waiting; try again once they are ready.`);
      }
    }
    const created = await client.query<{ id: string }>(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       VALUES (gen_random_uuid(), $1, $2, $3, $3, $4) RETURNING id`, [input.userId, input.name, input.startingEquity, input.inceptionDate]);
    const portfolioId = created.rows[0].id;
    await insertPositions(client, portfolioId, input.positions);
    if (input.queuedSymbols.length > 0) {
      await client.query(
        `INSERT INTO symbol_onboarding_jobs (id, symbol, portfolio_id, user_id, status, calc_date)
         SELECT gen_random_uuid(), s, $2, $3, 'pending', $4 FROM unnest($1::text[]) AS s
         ON CONFLICT DO NOTHING`, [input.queuedSymbols, portfolioId, input.userId, input.inceptionDate]);
      await client.query(
        `INSERT INTO onboarding_job_portfolios (job_id, portfolio_id)
         SELECT j.id, $2 FROM symbol_onboarding_jobs j WHERE j.symbol = ANY($1::text[]) AND j.status IN ('pending', 'processing')
         ON CONFLICT DO NOTHING`, [input.queuedSymbols, portfolioId]);
    }
    return portfolioId;
  });
}

/** Claims up to `limit` pending jobs (oldest first) across processes with SKIP LOCKED, under the worker's lease. */
export async function claimOnboardingJobs(limit: number, owner: string): Promise<ClaimedOnboardingJob[]> {
  const result = await getPool().query<{ id: string; symbol: string; calc_date: string | null; attempts: number }>(
    `UPDATE symbol_onboarding_jobs SET status = 'processing', started_at = now(), heartbeat_at = now(), owner = $2, attempts = attempts + 1
      WHERE id IN (SELECT id FROM symbol_onboarding_jobs WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, symbol, calc_date, attempts`, [limit, owner]);
  return result.rows.map((row) => ({ id: row.id, symbol: row.symbol, calcDate: row.calc_date, attempts: row.attempts }));
}

/** Beats the heartbeat of the jobs the worker holds; returns how many it still holds. */
export async function beatOnboardingJobs(jobIds: readonly string[], owner: string): Promise<number> {
  const result = await getPool().query(
    `UPDATE symbol_onboarding_jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND owner = $2 AND status = 'processing'`, [jobIds, owner]);
  return result.rowCount ?? 0;
}

export async function setOnboardingJobsRun(jobIds: readonly string[], owner: string, runId: string): Promise<void> {
  await getPool().query(`UPDATE symbol_onboarding_jobs SET run_id = $3 WHERE id = ANY($1::uuid[]) AND owner = $2`, [jobIds, owner, runId]);
}

/** Finishes a job the worker holds: completed, or failed with the reason; false when its lease was lost. */
export async function finishOnboardingJob(jobId: string, owner: string, failure: string | null): Promise<boolean> {
  const result = await getPool().query(
    `UPDATE symbol_onboarding_jobs SET status = $3, error = $4, completed_at = now(), heartbeat_at = now()
      WHERE id = $1 AND owner = $2 AND status = 'processing'`,
    [jobId, owner, failure ? "failed" : "completed", failure]);
  return (result.rowCount ?? 0) > 0;
}

/** The portfolios (not deleted) waiting for these jobs. */
export async function listJobWaiters(jobIds: readonly string[]): Promise<string[]> {
  const result = await getPool().query<{ portfolio_id: string }>(
    `SELECT DISTINCT l.portfolio_id FROM onboarding_job_portfolios l JOIN portfolios p ON p.id = l.portfolio_id AND p.deleted_at IS NULL
      WHERE l.job_id = ANY($1::uuid[]) ORDER BY l.portfolio_id`, [jobIds]);
  return result.rows.map((row) => row.portfolio_id);
}

/**
 * Jobs left `processing` by a worker that stopped beating: back to the queue, or failed with the reason after
 * MAX_JOB_ATTEMPTS attempts. Returns how many were requeued and failed.
 */
export async function sweepAbandonedOnboardingJobs(staleMs = JOB_STALE_MS): Promise<{ requeued: number; failed: number }> {
  const stale = `status = 'processing' AND coalesce(heartbeat_at, started_at) < now() - make_interval(secs => $1::double precision / 1000)`;
  const pool = getPool();
  const failed = await pool.query(
    `UPDATE symbol_onboarding_jobs SET status = 'failed', completed_at = now(), owner = NULL,
            error = 'the worker processing it stopped ' || attempts || ' times; giving up after ' || $2 || ' attempts'
      WHERE ${stale} AND attempts >= $2`, [staleMs, MAX_JOB_ATTEMPTS]);
  const requeued = await pool.query(
    `UPDATE symbol_onboarding_jobs SET status = 'pending', owner = NULL, heartbeat_at = NULL WHERE ${stale} AND attempts < $2`, [staleMs, MAX_JOB_ATTEMPTS]);
  return { requeued: requeued.rowCount ?? 0, failed: failed.rowCount ?? 0 };
}

/** Of these dates, those on which one of the symbols has no factor row (the symbol data a chain needs is missing). */
export async function listDatesMissingFactors(dates: readonly string[], symbols: readonly string[]): Promise<string[]> {
  if (dates.length === 0 || symbols.length === 0) return [];
  const result = await getPool().query<{ day: string }>(
    `SELECT d.day FROM unnest($1::date[]) AS d(day)
      WHERE (SELECT count(DISTINCT e.symbol) FROM symbol_factor_exposures e WHERE e.calculation_date = d.day AND e.symbol = ANY($2::text[])) < cardinality($2::text[])
      ORDER BY d.day`, [dates, [...new Set(symbols)]]);
  return result.rows.map((row) => row.day);
}
