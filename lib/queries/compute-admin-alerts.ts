import "server-only";
import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import { addCalendarDays, latestCompletedTradingDay, previousTradingDay, tradingDaysBetweenCount } from "@/lib/base/calendar";
import { nightlyStartsAt } from "@/lib/batch/nightly-schedule";
import type { FreshnessLevel, AdminAlert } from "@/lib/schemas/admin-dto";
import { phaseLabelOf } from "./run-status";

export type { FreshnessLevel, AdminAlert } from "@/lib/schemas/admin-dto";

/** Staleness in trading days (doc 14): 0 = current, 1 = warning, ≥ 2 = critical; no data at all is critical. */
export function freshnessLevel(lagTradingDays: number | null): FreshnessLevel {
  if (lagTradingDays === null) return "critical";
  if (lagTradingDays <= 0) return "ok";
  return lagTradingDays === 1 ? "warning" : "critical";
}

export function lagInTradingDays(latestDate: string | null, expected: string): number | null {
  return latestDate === null ? null : tradingDaysBetweenCount(latestDate, expected);
}

/** 06:00 America/New_York on the calendar day after `date`: when the nightly of `date` must have finished. */
export function nightlyDeadline(date: string): Date {
  const [y, m, d] = addCalendarDays(date, 1).split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 6, 0, 0, "America/New_York").getTime());
}

/** The latest trading day whose nightly deadline has already passed at `now`. */
export function nightlyDateDue(now: Date): string {
  const latest = latestCompletedTradingDay(now);
  return now.getTime() >= nightlyDeadline(latest).getTime() ? latest : previousTradingDay(latest);
}

/**
 * Alert 1: no nightly covering `date` finished by its deadline (critical if none finished, warning if late). A
 * nightly is only due if the installation existed when it was scheduled to start (`installedAt`, the first migration):
 * a fresh install has missed nothing.
 */
export function checkNightlyDeadline(date: string, firstFinishedAt: Date | null, installedAt: Date | null = null): AdminAlert | null {
  if (installedAt !== null && installedAt.getTime() > nightlyStartsAt(date).getTime()) return null;
  const deadline = nightlyDeadline(date);
  if (firstFinishedAt === null) {
    return { kind: "nightly_late", severity: "critical", message: `The nightly for ${date} did not finish by 06:00 ET (no completed nightly covers ${date}).` };
  }
  if (firstFinishedAt.getTime() > deadline.getTime()) {
    return { kind: "nightly_late", severity: "warning", message: `The nightly for ${date} did not finish by 06:00 ET; it finished at ${format(firstFinishedAt, "yyyy-MM-dd HH:mm", { in: tz("America/New_York") })} ET.` };
  }
  return null;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface PhaseDurationSample {
  phaseKey: string;
  calcDate: string;
  runId: string;
  durationMs: number;
}

/**
 * Alert 2: the latest run of a phase took more than 2× the median of its previous (up to) 20 runs. Needs ≥ 3 earlier
 * runs, and ignores differences under one second so millisecond phases do not raise noise.
 * `samples` per phase must be newest first.
 */
export function detectSlowPhases(samplesByPhase: Map<string, PhaseDurationSample[]>, minSamples = 3, floorMs = 1000): AdminAlert[] {
  const alerts: AdminAlert[] = [];
  for (const [phaseKey, samples] of samplesByPhase) {
    const [latest, ...previous] = samples;
    const history = previous.slice(0, 20).map((sample) => sample.durationMs);
    if (!latest || history.length < minSamples) continue;
    const med = median(history);
    if (latest.durationMs > 2 * med && latest.durationMs - med >= floorMs) {
      alerts.push({
        kind: "phase_slow", severity: "warning", runId: latest.runId,
        message: `${phaseLabelOf(phaseKey)} for ${latest.calcDate} took ${(latest.durationMs / 1000).toFixed(1)}s, more than 2× the median ${(med / 1000).toFixed(1)}s of its last ${history.length} runs.`,
      });
    }
  }
  return alerts;
}

/** Alert 3: the latest attempt of a phase for a date failed. */
export function failedPhaseAlerts(rows: { phaseKey: string; calcDate: string; runId: string; reason: string | null }[]): AdminAlert[] {
  return rows.map((row) => ({
    kind: "phase_failed" as const, severity: "critical" as const, runId: row.runId,
    message: `${phaseLabelOf(row.phaseKey)} failed for ${row.calcDate}${row.reason ? `: ${row.reason}` : ""}.`,
  }));
}
