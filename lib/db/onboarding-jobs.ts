import { getPool } from "./client";
import { insertPositions, type NewPosition } from "./positions";

/** D14: more than the allowed number of symbols waiting — HTTP 503 with this message. */
export class OnboardingQueueFullError extends Error {}

export interface ClaimedOnboardingJob {
  id: string;
  symbol: string;
  portfolioId: string | null;
  calcDate: string | null;
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

/**
 * Creates a portfolio with its positions and queues its unknown symbols, in one transaction. The queue's capacity is
 * checked under a table lock so concurrent onboardings cannot overfill it; a full queue creates nothing.
 */
export async function createPortfolioWithQueuedSymbols(input: {
  userId: string;
  name: string;
  startingEquity: number;
  inceptionDate: string;
  positions: readonly NewPosition[];
  queuedSymbols: readonly string[];
  maxPending: number;
}): Promise<string> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    if (input.queuedSymbols.length > 0) {
      await client.query("LOCK TABLE symbol_onboarding_jobs IN SHARE ROW EXCLUSIVE MODE");
      const pending = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM symbol_onboarding_jobs WHERE status = 'pending'`);
      if (pending.rows[0].n + input.queuedSymbols.length > input.maxPending) {
        throw new OnboardingQueueFullError(`The symbol onboarding queue is full (${pending.rows[0].n} of ${input.maxPending} pending); try again in a few minutes.`);
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
    }
    await client.query("COMMIT");
    return portfolioId;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** Claims up to `limit` pending jobs (oldest first) across processes with SKIP LOCKED. */
export async function claimOnboardingJobs(limit: number): Promise<ClaimedOnboardingJob[]> {
  const result = await getPool().query<{ id: string; symbol: string; portfolio_id: string | null; calc_date: string | null }>(
    `UPDATE symbol_onboarding_jobs SET status = 'processing', started_at = now(), attempts = attempts + 1
      WHERE id IN (SELECT id FROM symbol_onboarding_jobs WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, symbol, portfolio_id, calc_date`, [limit]);
  return result.rows.map((row) => ({ id: row.id, symbol: row.symbol, portfolioId: row.portfolio_id, calcDate: row.calc_date }));
}

export async function finishOnboardingJob(jobId: string, failure: string | null): Promise<void> {
  await getPool().query(`UPDATE symbol_onboarding_jobs SET status = $2, error = $3, completed_at = now() WHERE id = $1`,
    [jobId, failure ? "failed" : "completed", failure]);
}

export async function hasOpenOnboardingJobs(portfolioId: string): Promise<boolean> {
  const open = await getPool().query(`SELECT 1 FROM symbol_onboarding_jobs WHERE portfolio_id = $1 AND status IN ('pending', 'processing') LIMIT 1`, [portfolioId]);
  return (open.rowCount ?? 0) > 0;
}

/** Jobs left `processing` by a process that died go back to the queue. */
export async function requeueAbandonedOnboardingJobs(olderThanMinutes: number): Promise<number> {
  const result = await getPool().query(
    `UPDATE symbol_onboarding_jobs SET status = 'pending' WHERE status = 'processing' AND started_at < now() - make_interval(mins => $1)`,
    [olderThanMinutes]);
  return result.rowCount ?? 0;
}
