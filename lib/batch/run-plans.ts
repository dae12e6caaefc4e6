/**
 * Request planning: what a rerun, backfill or nightly will do (validated, with a preview for the dashboard and the
 * CLI), and the one function that turns such a plan into the parameters a run is created with. Nothing here creates
 * or launches a run.
 */
import { listDatesWithFailedPhases, listFailedSymbolsOfPhase } from "../db/batch-phase-runs";
import { findIncompleteDates, findMissingPortfolioDates, findMissingSymbolDates } from "../db/missing-dates";
import { isIsoDate, isTradingDay, latestCompletedTradingDay, tradingDaysBetween } from "../base/calendar";
import { PIPELINE, getPhaseSpecOrThrow } from "./pipeline";
import { PHASE_KEYS, type PhaseKey, type RefreshMode } from "./phase-types";
import type { RunParams } from "./run-work";

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
  /** fill: only what is missing or stale; recompute: every item (restating later snapshots). */
  mode: RefreshMode;
  /** A rerun restricted to these symbols. */
  symbols?: string[];
}

/** Bad input from a person (dashboard, CLI): the message says what to change. */
export class BatchInputError extends Error {}

export const MAX_NIGHTLY_DATES = 30;
export const LARGE_RANGE_TRADING_DAYS = 366;
const ALL_PHASES = PIPELINE.map((phase) => phase.key);

/** The one way a plan becomes a run's parameters: its dates, oldest first, each with the plan's phases and mode. */
export function planToRunParams(plan: RunPlan, request: Record<string, unknown>): RunParams {
  const dates = [...new Set(plan.dates)].sort();
  return {
    work: dates.map((date) => ({ date, phases: [...plan.phases], mode: plan.mode, ...(plan.symbols ? { symbols: [...plan.symbols] } : {}) })),
    request,
  };
}

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

/** Checks a rerun request without the database (no phase: every phase of the date). */
export function validateRerunRequest(input: { date: string; phase?: string }, now = new Date()): void {
  checkDate("date", input.date, now);
  if (input.phase !== undefined) checkPhase(input.phase);
  if (!isTradingDay(input.date)) throw new BatchInputError(`${input.date} is not an NYSE trading day.`);
}

/**
 * A rerun of one phase (or, without `phase`, every phase) of one date, optionally only failed or given symbols. A
 * portfolio phase takes the later portfolio phases along, so no exposure or stress row is left stale.
 */
export async function previewRerun(input: { date: string; phase?: string; onlyFailed?: boolean; symbols?: readonly string[] }, now = new Date()): Promise<RunPlan> {
  validateRerunRequest(input, now);
  if (input.phase === undefined) {
    if (input.onlyFailed) throw new BatchInputError("Rerunning only failed symbols needs one symbol phase.");
    const steps = ALL_PHASES.map((phase) => ({ date: input.date, phase, description: `${getPhaseSpecOrThrow(phase).label} for ${input.date}` }));
    return { jobType: "rerun", dates: [input.date], phases: ALL_PHASES, steps, warnings: [], mode: "recompute" };
  }
  const phase = input.phase as PhaseKey;
  const spec = getPhaseSpecOrThrow(phase);
  const warnings: string[] = [];
  let symbols = input.symbols?.length ? [...new Set(input.symbols)].sort() : undefined;
  if (input.onlyFailed) {
    if (spec.chunk !== "symbols") throw new BatchInputError(`Only symbol phases can rerun failed symbols; ${phase} works on portfolios.`);
    symbols = await listFailedSymbolsOfPhase(input.date, phase);
    if (symbols.length === 0) warnings.push(`No failed symbols are recorded for ${phase} on ${input.date}; nothing will be recomputed.`);
  }
  const description = symbols ? `${spec.label} for ${symbols.length} symbol(s): ${symbols.slice(0, 20).join(", ")}${symbols.length > 20 ? "…" : ""}` : `${spec.label} for every ${spec.chunk ?? "item"} of ${input.date}`;
  // A portfolio phase's rows feed the later ones (snapshots → exposures → stress): they are recomputed with it.
  const phases = spec.group === "portfolio_refresh" ? ALL_PHASES.slice(ALL_PHASES.indexOf(phase)) : [phase];
  const steps = phases.map((key, index) => index === 0
    ? { date: input.date, phase: key, symbols, description }
    : { date: input.date, phase: key, description: `${getPhaseSpecOrThrow(key).label} for ${input.date} (derived from ${spec.label})` });
  return { jobType: "rerun", dates: [input.date], phases, steps, warnings, mode: "recompute", symbols };
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
    const missing = new Set(await findIncompleteDates(tradingDates));
    dates = tradingDates.filter((date) => missing.has(date));
  }
  const warnings = dates.length === 0 ? [`No trading day between ${input.from} and ${input.to} needs work (reprocess: ${input.reprocess}).`] : [];
  const steps = dates.flatMap((date) => ALL_PHASES.map((phase) => ({ date, phase, description: `${getPhaseSpecOrThrow(phase).label} for ${date}` })));
  // Dates run oldest first: each restates the later snapshots it changes.
  return { jobType: "backfill", dates, phases: ALL_PHASES, steps, warnings, mode: input.reprocess === "missing" ? "fill" : "recompute" };
}

/**
 * The nightly plan: every missing trading date after the last complete one, oldest first, at most 30 (the oldest:
 * a portfolio's chain is filled from its first hole on).
 */
export async function planNightly(now = new Date()): Promise<RunPlan> {
  const target = latestCompletedTradingDay(now);
  const dates = [...new Set([...(await findMissingSymbolDates(target)), ...(await findMissingPortfolioDates(target))])]
    .sort()
    .slice(0, MAX_NIGHTLY_DATES);
  const steps = dates.flatMap((date) => ALL_PHASES.map((phase) => ({ date, phase, description: `${getPhaseSpecOrThrow(phase).label} for ${date}` })));
  return {
    jobType: "nightly", dates, phases: ALL_PHASES, steps, mode: "fill",
    warnings: dates.length === 0 ? ["Everything is current; the run is recorded as a no-op."] : [],
  };
}
