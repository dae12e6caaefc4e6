/**
 * Onboarding as runs (job type `onboarding`, recorded in run history with phase rows and errors like any run):
 * the date new portfolios are valued at, and the run that refreshes portfolios (phases 4–6) on it. Onboarding runs
 * are many at once (one per request); the date locks keep them from writing a date another run is writing.
 */
import type { RunLease } from "../db/batch-runs";
import { getLatestFactorDate } from "../db/onboarding-jobs";
import { latestCompletedTradingDay } from "../base/calendar";
import type { PhaseKey } from "./phase-types";
import { executeRun, type RunOutcome } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import type { WorkItem } from "./run-work";

export const ONBOARDING_SYMBOL_PHASES: PhaseKey[] = ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"];
export const ONBOARDING_PORTFOLIO_PHASES: PhaseKey[] = ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"];

/** The date new portfolios are valued at: the latest date that has factor rows, else the latest completed trading day. */
export async function onboardingDate(now: Date = new Date()): Promise<string> {
  const latest = latestCompletedTradingDay(now);
  return (await getLatestFactorDate(latest)) ?? latest;
}

/** Work that refreshes these portfolios on `date` (recomputed: a refresh after a symbol arrived must not be skipped). */
export function portfolioRefreshWork(date: string, portfolioIds: readonly string[]): WorkItem {
  return { date, phases: [...ONBOARDING_PORTFOLIO_PHASES], portfolioIds: [...portfolioIds].sort(), mode: "recompute" };
}

/** Creates an onboarding run for `work` (held by `owner` when given) and executes it in this process. */
export async function startOnboardingRun(work: WorkItem[], input: { userId?: string | null; request: Record<string, unknown>; owner?: string }): Promise<{ lease: RunLease; done: Promise<RunOutcome> }> {
  const lease = await createRun({ jobType: "onboarding", triggeredBy: "onboarding", userId: input.userId, params: { work, request: input.request }, owner: input.owner });
  return { lease, done: executeRun(lease) };
}
