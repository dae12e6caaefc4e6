/**
 * A user's new portfolio, visible at once: the input is checked against the portfolio bounds (one sentence per bad
 * field), the portfolio is created with its positions, its unknown symbols are queued (or joined to the job already
 * queued for them), and an onboarding run refreshes it on the onboarding date right away. Queued symbols are fetched
 * and computed by the onboarding worker, which then refreshes every portfolio that waited for them.
 */
import {
  createPortfolioWithQueuedSymbols, listDatesMissingFactors, listSymbolsWithFactors, OnboardingQueueFullError, PortfolioLimitError,
} from "../db/onboarding-jobs";
import { REQUIRED_ETFS } from "../market-data/etfs";
import { isIsoDate, isTradingDay, nextTradingDay, previousTradingDay, tradingDaysBetween } from "../base/calendar";
import { isPrivateSymbol, isPublicEquityPosition, normalizeSymbol } from "../base/symbols";
import { describePortfolioInputProblems, PORTFOLIO_BOUNDS } from "../schemas/portfolio";
import { onboardingDate, portfolioRefreshWork, startOnboardingRun } from "./onboarding-runs";
import { ensureOnboardingWorker } from "./onboarding-worker";
import type { WorkItem } from "./run-work";

export const ONBOARDING_MAX_PENDING = 50;
export const ONBOARDING_MAX_PENDING_PER_USER = 10;
/** How long a request waits for its portfolio's refresh before answering (the run goes on either way). */
const REFRESH_WAIT_MS = 20_000;

export interface OnboardPositionInput {
  symbol: string;
  quantity: number;
  entryPrice: number;
  entryDate: string;
  positionType?: "LONG" | "SHORT" | "LC" | "LP" | "SC" | "SP";
  investmentClass?: "PUBLIC" | "OPTIONS" | "PRIVATE" | null;
  marketValue?: number;
  /** A private asset's free-text name; its symbol is the identifier derived from it. */
  name?: string;
}

export { OnboardingQueueFullError, PortfolioLimitError };
/** Bad input (HTTP 422, CLI exit 2): the message has one sentence per bad field. */
export class OnboardingInputError extends Error {}

export interface OnboardResult {
  portfolioId: string;
  knownSymbols: string[];
  queuedSymbols: string[];
  calcDate: string;
  inceptionDate: string;
  runId: string;
}

function checkInput(input: { name: string; startingEquity: number; positions: OnboardPositionInput[] }, calcDate: string, inceptionDate: string): void {
  const problems = describePortfolioInputProblems({ name: input.name, startingEquity: input.startingEquity, positions: input.positions });
  if (!isIsoDate(inceptionDate)) problems.push(`inception: must be a real date written YYYY-MM-DD, got "${inceptionDate}".`);
  else if (inceptionDate > calcDate) problems.push(`inception: must be on or before ${calcDate}, the latest date with market data.`);
  input.positions.forEach((position, index) => {
    if (isIsoDate(position.entryDate) && position.entryDate > calcDate) {
      problems.push(`positions.${index + 1}.entryDate: ${position.symbol || "the position"} is entered on ${position.entryDate}, after ${calcDate}, the latest date with market data.`);
    }
  });
  if (problems.length > 0) throw new OnboardingInputError(problems.join(" "));
}

/**
 * A portfolio incepted before the onboarding date (the command line's import) needs the symbol data of every day of
 * its chain: the days that lack it get their prices and factors in the same run, before the refresh.
 */
async function historyWork(inceptionDate: string, calcDate: string, symbols: readonly string[]): Promise<WorkItem[]> {
  const first = isTradingDay(inceptionDate) ? inceptionDate : nextTradingDay(inceptionDate);
  if (first >= calcDate) return [];
  const needed = [...REQUIRED_ETFS, ...symbols];
  const missing = await listDatesMissingFactors(tradingDaysBetween(first, previousTradingDay(calcDate)), needed);
  return missing.map((date) => ({ date, phases: ["phase_1_market_data", "phase_3_factors"], symbols: [...new Set(needed)].sort() }));
}

export async function onboardPortfolio(
  input: { userId: string; name: string; startingEquity: number; positions: OnboardPositionInput[]; inceptionDate?: string },
  options: { now?: Date } = {},
): Promise<OnboardResult> {
  const calcDate = await onboardingDate(options.now);
  const inceptionDate = input.inceptionDate ?? calcDate;
  checkInput(input, calcDate, inceptionDate);
  const positions = input.positions.map((position) => ({
    ...position, symbol: normalizeSymbol(position.symbol),
    positionType: position.positionType ?? (position.quantity < 0 ? "SHORT" : "LONG"),
    investmentClass: position.investmentClass ?? (isPrivateSymbol(position.symbol) ? "PRIVATE" : "PUBLIC"),
  }));
  // Only what the one public-equity rule admits is ever sent to a market-data provider.
  const marketSymbols = [...new Set(positions
    .filter((position) => isPublicEquityPosition(position, calcDate))
    .map((position) => position.symbol))].sort();
  const knownSymbols = await listSymbolsWithFactors(calcDate, marketSymbols);
  const unknownSymbols = marketSymbols.filter((symbol) => !knownSymbols.includes(symbol));
  if (unknownSymbols.length > ONBOARDING_MAX_PENDING) {
    throw new OnboardingInputError(`This portfolio holds ${unknownSymbols.length} symbols that are not onboarded yet; at most ${ONBOARDING_MAX_PENDING} can wait in the queue, so it could never be queued. Split it into portfolios with at most ${ONBOARDING_MAX_PENDING} new symbols each.`);
  }
  const portfolioId = await createPortfolioWithQueuedSymbols({
    userId: input.userId, name: input.name.trim(), startingEquity: input.startingEquity, inceptionDate,
    queuedSymbols: unknownSymbols,
    limits: { maxPending: ONBOARDING_MAX_PENDING, maxPendingPerUser: ONBOARDING_MAX_PENDING_PER_USER, maxPortfoliosPerUser: PORTFOLIO_BOUNDS.maxPortfoliosPerUser },
    positions: positions.map((position) => ({
      symbol: position.symbol,
      positionType: position.positionType,
      quantity: position.quantity,
      entryPrice: position.entryPrice,
      entryDate: position.entryDate,
      investmentClass: position.investmentClass,
      marketValue: position.marketValue ?? Math.round(position.quantity * position.entryPrice * 100) / 100,
      displayName: position.name ?? null,
    })),
  });
  const { lease, done } = await startOnboardingRun([...await historyWork(inceptionDate, calcDate, marketSymbols), portfolioRefreshWork(calcDate, [portfolioId])], {
    userId: input.userId, request: { portfolioId, knownSymbols, queuedSymbols: unknownSymbols },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((resolve) => { timer = setTimeout(resolve, REFRESH_WAIT_MS); })]).finally(() => clearTimeout(timer));
  // The queued symbols start after the known ones are shown; their portfolios are refreshed again when they complete.
  if (unknownSymbols.length > 0) void ensureOnboardingWorker();
  return { portfolioId, knownSymbols, queuedSymbols: unknownSymbols, calcDate, inceptionDate, runId: lease.runId };
}
