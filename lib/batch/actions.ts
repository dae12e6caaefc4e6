import { listDatesWithFailedPhases, listFailedSymbolsOfPhase, RunRefusedError, type Trigger } from "../db/batch-runs";
import { isIsoDate, isTradingDay, latestCompletedTradingDay, tradingDaysBetween } from "../risk/calendar";
import { launchRun } from "./launcher";
import { PIPELINE, getPhaseSpecOrThrow } from "./pipeline";
import { PHASE_KEYS, type PhaseKey } from "./phase-types";
import { createRun } from "./runner";
import type { RunParams, WorkItem } from "./run-work";

export { RunRefusedError };
export type Reprocess = "missing" | "failed" | "all";

export interface PlannedStep {
  date: string;
  phase: PhaseKey;
  symbols?: string[];
  description: string;
}

export interface RunPlan {
  jobType: "rerun" | "backfill" | "nightly";
  dates: string[];
  phases: PhaseKey[];
  steps: PlannedStep[];
  warnings: string[];
}

/** Bad input from a person (dashboard, CLI): the message says what to change. */
export class BatchInputError extends Error {}

export const MAX_NIGHTLY_DATES = 30;
export const LARGE_RANGE_TRADING_DAYS = 366;
const ALL_PHASES = PIPELINE.map((phase) => phase.key);

function checkDate(label: string, date: string, now: Date): void {
  if (!isIsoDate(date)) throw new BatchInputError(`${label} must be a date like 2026-11-27, got "${date}".`);
  const latest = latestCompletedTradingDay(now);
  if (date > latest) throw new BatchInputError(`${label} ${date} is in the future; the latest completed trading day is ${latest}.`);
}

function checkPhase(phase: string): asserts phase is PhaseKey {
  if (!(PHASE_KEYS as readonly string[]).includes(phase)) {
    throw new BatchInputError(`Unknown phase "${phase}"; phases are ${PHASE_KEYS.join(", ")}.`);
  }
}

/** Checks a rerun request without the database. */
export function validateRerunRequest<T extends { date: string; phase: string }>(input: T, now = new Date()): asserts input is T & { phase: PhaseKey } {
  checkDate("date", input.date, now);
  checkPhase(input.phase);
  if (!isTradingDay(input.date)) throw new BatchInputError(`${input.date} is not an NYSE trading day.`);
}

export async function previewRerun(input: { date: string; phase: string; onlyFailed?: boolean }, now = new Date()): Promise<RunPlan> {
  validateRerunRequest(input, now);
  const spec = getPhaseSpecOrThrow(input.phase);
  const warnings: string[] = [];
  let symbols: string[] | undefined;
  if (input.onlyFailed) {
    if (spec.chunk !== "symbols") throw new BatchInputError(`Only symbol phases can rerun failed symbols; ${input.phase} works on portfolios.`);
    symbols = await listFailedSymbolsOfPhase(input.date, input.phase);
    if (symbols.length === 0) warnings.push(`No failed symbols are recorded for ${input.phase} on ${input.date}; nothing will be recomputed.`);
  }
  const description = symbols ? `${spec.label} for ${symbols.length} failed symbol(s): ${symbols.slice(0, 20).join(", ")}${symbols.length > 20 ? "…" : ""}` : `${spec.label} for every ${spec.chunk ?? "item"} of ${input.date}`;
  return { jobType: "rerun", dates: [input.date], phases: [input.phase], steps: [{ date: input.date, phase: input.phase, symbols, description }], warnings };
}

export async function startRerun(input: { date: string; phase: string; onlyFailed?: boolean; userId?: string | null; triggeredBy?: Trigger }, now = new Date()): Promise<{ runId: string }> {
  const plan = await previewRerun(input, now);
  const step = plan.steps[0];
  const work: WorkItem[] = [{ date: step.date, phases: [step.phase], ...(step.symbols ? { symbols: step.symbols } : {}) }];
  return launch("rerun", input.triggeredBy ?? "admin", input.userId, { work, request: { ...input } });
}

/** Dates whose data is incomplete: a needed symbol without price or factor rows, or a portfolio without a complete snapshot. */
async function missingDates(dates: string[]): Promise<Set<string>> {
  const { findIncompleteDates } = await import("../db/missing-dates");
  return new Set(await findIncompleteDates(dates));
}

/** Checks a backfill request without the database; returns its trading dates. */
export function validateBackfillRequest(input: { from: string; to: string; reprocess: string; confirmLargeRange?: boolean }, now = new Date()): string[] {
  checkDate("from", input.from, now);
  checkDate("to", input.to, now);
  if (input.from > input.to) throw new BatchInputError(`from (${input.from}) is after to (${input.to}).`);
  if (!["missing", "failed", "all"].includes(input.reprocess)) throw new BatchInputError(`reprocess must be missing, failed or all, got "${input.reprocess}".`);
  const tradingDates = tradingDaysBetween(input.from, input.to);
  if (tradingDates.length > LARGE_RANGE_TRADING_DAYS && !input.confirmLargeRange) {
    throw new BatchInputError(`The range holds ${tradingDates.length} trading days (more than ${LARGE_RANGE_TRADING_DAYS}); confirm the large range to continue.`);
  }
  if (tradingDates.length === 0) throw new BatchInputError(`There is no NYSE trading day between ${input.from} and ${input.to}.`);
  return tradingDates;
}

export async function previewBackfill(input: { from: string; to: string; reprocess: Reprocess; confirmLargeRange?: boolean }, now = new Date()): Promise<RunPlan> {
  const tradingDates = validateBackfillRequest(input, now);
  let dates = tradingDates;
  if (input.reprocess === "failed") {
    const failed = await listDatesWithFailedPhases(tradingDates);
    dates = tradingDates.filter((date) => failed.has(date));
  } else if (input.reprocess === "missing") {
    const missing = await missingDates(tradingDates);
    dates = tradingDates.filter((date) => missing.has(date));
  }
  const warnings = dates.length === 0 ? [`No trading day between ${input.from} and ${input.to} needs work (reprocess: ${input.reprocess}).`] : [];
  const steps = dates.flatMap((date) => ALL_PHASES.map((phase) => ({ date, phase, description: `${getPhaseSpecOrThrow(phase).label} for ${date}` })));
  return { jobType: "backfill", dates, phases: ALL_PHASES, steps, warnings };
}

export async function startBackfill(input: { from: string; to: string; reprocess: Reprocess; confirmLargeRange?: boolean; userId?: string | null; triggeredBy?: Trigger }, now = new Date()): Promise<{ runId: string }> {
  const plan = await previewBackfill(input, now);
  // Portfolio dates always run in ascending order because equity rolls forward (D9).
  const work = plan.dates.map((date) => ({ date, phases: ALL_PHASES }));
  return launch("backfill", input.triggeredBy ?? "admin", input.userId, { work, request: { ...input } });
}

/** The nightly plan: every missing trading date after the last complete one, oldest first, at most 30 (D9). */
export async function planNightly(now = new Date()): Promise<RunPlan> {
  const { findMissingSymbolDates, findMissingPortfolioDates } = await import("../db/missing-dates");
  const target = latestCompletedTradingDay(now);
  const dates = [...new Set([...(await findMissingSymbolDates(target)), ...(await findMissingPortfolioDates(target))])]
    .sort()
    .slice(-MAX_NIGHTLY_DATES);
  const steps = dates.flatMap((date) => ALL_PHASES.map((phase) => ({ date, phase, description: `${getPhaseSpecOrThrow(phase).label} for ${date}` })));
  return { jobType: "nightly", dates, phases: ALL_PHASES, steps, warnings: dates.length === 0 ? ["Everything is current; the run is recorded as a no-op."] : [] };
}

export async function startNightly(input: { triggeredBy: Trigger; userId?: string | null }, now = new Date()): Promise<{ runId: string; dates: string[] }> {
  const plan = await planNightly(now);
  const { runId } = await launch("nightly", input.triggeredBy, input.userId, { work: plan.dates.map((date) => ({ date, phases: ALL_PHASES })), request: { target: latestCompletedTradingDay(now) } });
  return { runId, dates: plan.dates };
}

async function launch(jobType: "rerun" | "backfill" | "nightly", triggeredBy: Trigger, userId: string | null | undefined, params: RunParams): Promise<{ runId: string }> {
  const runId = await createRun({ jobType, triggeredBy, userId, params });
  await launchRun(runId);
  return { runId };
}
