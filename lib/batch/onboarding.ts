import { getPool } from "../db/client";
import { insertPositions } from "../db/positions";
import { isIsoDate, latestCompletedTradingDay } from "../risk/calendar";
import { isMarketDataSymbol, isPrivateSymbol, normalizeSymbol } from "../risk/symbols";
import { createPhaseContext, type PhaseContext, type PhaseSummary } from "./phase-types";
import { getPhaseSpecOrThrow } from "./pipeline";

export const ONBOARDING_CONCURRENCY = 3;
export const ONBOARDING_MAX_PENDING = 50;

export interface OnboardPositionInput {
  symbol: string;
  quantity: number;
  entryPrice: number;
  entryDate: string;
  positionType?: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
  investmentClass?: "PUBLIC" | "OPTIONS" | "PRIVATE" | null;
  marketValue?: number;
}

/** D14: more than 50 symbols waiting — HTTP 503 with this message. */
export class OnboardingQueueFullError extends Error {}
export class OnboardingInputError extends Error {}

const PORTFOLIO_PHASES = ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"] as const;
const SYMBOL_PHASES = ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"] as const;

/** The date new portfolios are valued at: the latest date that has factor rows, else the latest completed trading day. */
async function onboardingDate(): Promise<string> {
  const latest = latestCompletedTradingDay(new Date());
  const result = await getPool().query<{ date: string | null }>(
    `SELECT max(calculation_date) AS date FROM symbol_factor_exposures WHERE calculation_date <= $1`, [latest]);
  return result.rows[0]?.date ?? latest;
}

function validate(positions: readonly OnboardPositionInput[], calcDate: string): void {
  if (positions.length === 0) throw new OnboardingInputError("A portfolio needs at least one position.");
  positions.forEach((position, index) => {
    const where = `Position ${index + 1} (${position.symbol || "no symbol"})`;
    if (!normalizeSymbol(position.symbol)) throw new OnboardingInputError(`${where}: the symbol is empty.`);
    if (!Number.isFinite(position.quantity) || position.quantity === 0) throw new OnboardingInputError(`${where}: quantity must be a non-zero number.`);
    if (!Number.isFinite(position.entryPrice) || position.entryPrice <= 0) throw new OnboardingInputError(`${where}: entry price must be positive.`);
    if (!isIsoDate(position.entryDate) || position.entryDate > calcDate) throw new OnboardingInputError(`${where}: entry date must be a date on or before ${calcDate}.`);
  });
}

async function runPortfolioPhases(calcDate: string, portfolioIds: string[]): Promise<PhaseSummary[]> {
  const summaries: PhaseSummary[] = [];
  for (const key of PORTFOLIO_PHASES) {
    const phase = await getPhaseSpecOrThrow(key).load();
    summaries.push(await phase(createPhaseContext(calcDate, { portfolioIds })));
  }
  return summaries;
}

/**
 * Creates a user's portfolio and shows its exposures at once: when every public symbol already has factors for the
 * onboarding date, phases 4–6 run for this portfolio right away; unknown symbols are queued (fetch, compute, then
 * refresh the portfolio).
 */
export async function onboardPortfolio(input: { userId: string; name: string; startingEquity: number; positions: OnboardPositionInput[] }): Promise<{ portfolioId: string; knownSymbols: string[]; queuedSymbols: string[]; calcDate: string }> {
  if (!input.name.trim()) throw new OnboardingInputError("The portfolio needs a name.");
  if (!Number.isFinite(input.startingEquity) || input.startingEquity <= 0) throw new OnboardingInputError("Starting equity must be a positive amount.");
  const calcDate = await onboardingDate();
  validate(input.positions, calcDate);
  const positions = input.positions.map((position) => ({ ...position, symbol: normalizeSymbol(position.symbol) }));
  const marketSymbols = [...new Set(positions
    .filter((position) => position.investmentClass !== "PRIVATE" && position.investmentClass !== "OPTIONS" && isMarketDataSymbol(position.symbol, calcDate))
    .map((position) => position.symbol))].sort();
  const pool = getPool();
  const known = await pool.query<{ symbol: string }>(
    `SELECT DISTINCT symbol FROM symbol_factor_exposures WHERE calculation_date = $1 AND symbol = ANY($2::text[])`, [calcDate, marketSymbols]);
  const knownSymbols = known.rows.map((row) => row.symbol).sort();
  const unknownSymbols = marketSymbols.filter((symbol) => !knownSymbols.includes(symbol));
  const client = await pool.connect();
  let portfolioId: string;
  try {
    await client.query("BEGIN");
    if (unknownSymbols.length > 0) {
      await client.query("LOCK TABLE symbol_onboarding_jobs IN SHARE ROW EXCLUSIVE MODE");
      const pending = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM symbol_onboarding_jobs WHERE status = 'pending'`);
      if (pending.rows[0].n + unknownSymbols.length > ONBOARDING_MAX_PENDING) {
        throw new OnboardingQueueFullError(`The symbol onboarding queue is full (${pending.rows[0].n} of ${ONBOARDING_MAX_PENDING} pending); try again in a few minutes.`);
      }
    }
    const created = await client.query<{ id: string }>(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       VALUES (gen_random_uuid(), $1, $2, $3, $3, $4) RETURNING id`, [input.userId, input.name.trim(), input.startingEquity, calcDate]);
    portfolioId = created.rows[0].id;
    await insertPositions(client, portfolioId, positions.map((position) => ({
      symbol: position.symbol,
      positionType: position.positionType ?? (position.quantity < 0 ? "SHORT" : "LONG"),
      quantity: position.quantity,
      entryPrice: position.entryPrice,
      entryDate: position.entryDate,
      investmentClass: position.investmentClass ?? (isPrivateSymbol(position.symbol) ? "PRIVATE" : "PUBLIC"),
      marketValue: position.marketValue ?? Math.round(position.quantity * position.entryPrice * 100) / 100,
    })));
    if (unknownSymbols.length > 0) {
      await client.query(
        `INSERT INTO symbol_onboarding_jobs (id, symbol, portfolio_id, user_id, status, calc_date)
         SELECT gen_random_uuid(), s, $2, $3, 'pending', $4 FROM unnest($1::text[]) AS s
         ON CONFLICT DO NOTHING`, [unknownSymbols, portfolioId, input.userId, calcDate]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
  await runPortfolioPhases(calcDate, [portfolioId]);
  if (unknownSymbols.length > 0) ensureOnboardingWorker();
  return { portfolioId, knownSymbols, queuedSymbols: unknownSymbols, calcDate };
}

interface ClaimedJob {
  id: string;
  symbol: string;
  portfolioId: string | null;
  calcDate: string;
}

/** Claims up to `limit` pending jobs (oldest first) across processes with SKIP LOCKED. */
async function claimJobs(limit: number): Promise<ClaimedJob[]> {
  const result = await getPool().query<{ id: string; symbol: string; portfolio_id: string | null; calc_date: string | null }>(
    `UPDATE symbol_onboarding_jobs SET status = 'processing', started_at = now(), attempts = attempts + 1
      WHERE id IN (SELECT id FROM symbol_onboarding_jobs WHERE status = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, symbol, portfolio_id, calc_date`, [limit]);
  const fallback = await onboardingDate();
  return result.rows.map((row) => ({ id: row.id, symbol: row.symbol, portfolioId: row.portfolio_id, calcDate: row.calc_date ?? fallback }));
}

/** One queued symbol: valuations, 365 days of prices, its 13 factors; then its portfolio if nothing else waits. */
export async function processOnboardingJob(job: ClaimedJob): Promise<void> {
  const pool = getPool();
  try {
    let failure: string | null = null;
    for (const key of SYMBOL_PHASES) {
      const phase = await getPhaseSpecOrThrow(key).load();
      const context: PhaseContext = createPhaseContext(job.calcDate, { symbols: [job.symbol] });
      const summary = await phase(context);
      if ((key === "phase_1_market_data" || key === "phase_3_factors") && summary.status === "failed") {
        failure = summary.errors[0]?.message ?? summary.reason ?? `${key} failed`;
        break;
      }
    }
    await pool.query(`UPDATE symbol_onboarding_jobs SET status = $2, error = $3, completed_at = now() WHERE id = $1`,
      [job.id, failure ? "failed" : "completed", failure]);
  } catch (error) {
    await pool.query(`UPDATE symbol_onboarding_jobs SET status = 'failed', error = $2, completed_at = now() WHERE id = $1`,
      [job.id, error instanceof Error ? error.message : String(error)]);
  }
  if (job.portfolioId) {
    const open = await pool.query(`SELECT 1 FROM symbol_onboarding_jobs WHERE portfolio_id = $1 AND status IN ('pending', 'processing') LIMIT 1`, [job.portfolioId]);
    if (open.rowCount === 0) await runPortfolioPhases(job.calcDate, [job.portfolioId]);
  }
}

let worker: Promise<void> | null = null;

/** Starts (once per process) the worker that drains the queue, 3 symbols at a time; jobs left `processing` by a dead process are requeued. */
export function ensureOnboardingWorker(): Promise<void> {
  worker ??= (async () => {
    await getPool().query(`UPDATE symbol_onboarding_jobs SET status = 'pending' WHERE status = 'processing' AND started_at < now() - interval '10 minutes'`);
    for (;;) {
      const jobs = await claimJobs(ONBOARDING_CONCURRENCY);
      if (jobs.length === 0) break;
      await Promise.all(jobs.map((job) => processOnboardingJob(job)));
    }
  })().catch((error: unknown) => console.error("onboarding worker stopped:", error)).finally(() => { worker = null; });
  return worker;
}
