import {
  claimOnboardingJobs, createPortfolioWithQueuedSymbols, finishOnboardingJob, getLatestFactorDate, hasOpenOnboardingJobs,
  listSymbolsWithFactors, OnboardingQueueFullError, requeueAbandonedOnboardingJobs, type ClaimedOnboardingJob,
} from "../db/onboarding-jobs";
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

export { OnboardingQueueFullError };
export class OnboardingInputError extends Error {}

const PORTFOLIO_PHASES = ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"] as const;
const SYMBOL_PHASES = ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"] as const;

/** The date new portfolios are valued at: the latest date that has factor rows, else the latest completed trading day. */
async function onboardingDate(): Promise<string> {
  const latest = latestCompletedTradingDay(new Date());
  return (await getLatestFactorDate(latest)) ?? latest;
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
  const knownSymbols = await listSymbolsWithFactors(calcDate, marketSymbols);
  const unknownSymbols = marketSymbols.filter((symbol) => !knownSymbols.includes(symbol));
  const portfolioId = await createPortfolioWithQueuedSymbols({
    userId: input.userId, name: input.name.trim(), startingEquity: input.startingEquity, inceptionDate: calcDate,
    queuedSymbols: unknownSymbols, maxPending: ONBOARDING_MAX_PENDING,
    positions: positions.map((position) => ({
      symbol: position.symbol,
      positionType: position.positionType ?? (position.quantity < 0 ? "SHORT" : "LONG"),
      quantity: position.quantity,
      entryPrice: position.entryPrice,
      entryDate: position.entryDate,
      investmentClass: position.investmentClass ?? (isPrivateSymbol(position.symbol) ? "PRIVATE" : "PUBLIC"),
      marketValue: position.marketValue ?? Math.round(position.quantity * position.entryPrice * 100) / 100,
    })),
  });
  await runPortfolioPhases(calcDate, [portfolioId]);
  if (unknownSymbols.length > 0) ensureOnboardingWorker();
  return { portfolioId, knownSymbols, queuedSymbols: unknownSymbols, calcDate };
}

/** Claims up to `limit` pending jobs; a job queued before dates were recorded uses the current onboarding date. */
async function claimJobs(limit: number): Promise<ClaimedJob[]> {
  const jobs = await claimOnboardingJobs(limit);
  const fallback = jobs.some((job) => job.calcDate === null) ? await onboardingDate() : null;
  return jobs.map((job) => ({ ...job, calcDate: job.calcDate ?? fallback! }));
}

type ClaimedJob = ClaimedOnboardingJob & { calcDate: string };

/** One queued symbol: valuations, 365 days of prices, its 13 factors; then its portfolio if nothing else waits. */
export async function processOnboardingJob(job: ClaimedJob): Promise<void> {
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
    await finishOnboardingJob(job.id, failure);
  } catch (error) {
    await finishOnboardingJob(job.id, error instanceof Error ? error.message : String(error));
  }
  if (job.portfolioId && !(await hasOpenOnboardingJobs(job.portfolioId))) await runPortfolioPhases(job.calcDate, [job.portfolioId]);
}

let worker: Promise<void> | null = null;
/** Set by every request for the worker; a request that arrives while the worker winds down restarts it. */
let requested = false;

/** Starts (once per process) the worker that drains the queue, 3 symbols at a time; jobs left `processing` by a dead process are requeued. */
export function ensureOnboardingWorker(): Promise<void> {
  requested = true;
  worker ??= (async () => {
    await requeueAbandonedOnboardingJobs(10);
    while (requested) {
      requested = false;
      for (;;) {
        const jobs = await claimJobs(ONBOARDING_CONCURRENCY);
        if (jobs.length === 0) break;
        await Promise.all(jobs.map((job) => processOnboardingJob(job)));
      }
    }
  })()
    .catch((error: unknown) => console.error("onboarding worker stopped:", error))
    .finally(() => {
      worker = null;
      if (requested) void ensureOnboardingWorker();
    });
  return worker;
}
