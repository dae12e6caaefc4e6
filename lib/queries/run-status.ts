import "server-only";
import { PIPELINE } from "@/lib/batch/pipeline";
import type { PhaseRunStatus, RunStatus } from "@/lib/schemas/run-dto";

/**
 * What a run or phase status means on every admin page and API answer. The batch records a phase whose items were
 * all already current (cached bars, complete factor rows) as `completed`; shown that way it reads as work done, so a
 * finished phase that did nothing and failed nothing is shown as `skipped`. A run is `skipped` when it finished
 * without a failure and without a single item done over at least one date (a nightly that planned no dates stays
 * `completed`: it had nothing to do and did it).
 */
export function shownPhaseStatus(status: PhaseRunStatus, itemsDone: number, itemsFailed: number): PhaseRunStatus {
  return status === "completed" && itemsDone === 0 && itemsFailed === 0 ? "skipped" : status;
}

/** The same rule as SQL over batch_runs columns, so lists filter and count by what they show. */
export const SHOWN_RUN_STATUS_SQL = `(CASE WHEN status = 'completed' AND completed_items = 0 AND failed_items = 0
  AND cardinality(coalesce(calc_dates, '{}')) > 0 THEN 'skipped' ELSE status END)`;

export function shownRunStatus(status: string, completedItems: number, failedItems: number, calcDates: readonly string[]): RunStatus {
  return (status === "completed" && completedItems === 0 && failedItems === 0 && calcDates.length > 0 ? "skipped" : status) as RunStatus;
}

/** The human name of a phase key ("P&L snapshots"); an unknown key is shown as it is stored. */
export function phaseLabelOf(phaseKey: string): string {
  return PIPELINE.find((phase) => phase.key === phaseKey)?.label ?? phaseKey;
}

interface StepState { stepKey: string; status: string }

/**
 * Live progress in planned steps (one per date and phase of the run's work). A step is done when its phase row has
 * finished; a running step counts the fraction of its chunks already completed, so the bar moves as chunks finish.
 */
export function computeRunProgress(
  work: { date: string; phases: string[] }[],
  phases: { calcDate: string; phaseKey: string; status: string }[],
  steps: StepState[],
): { stepsDone: number; stepsTotal: number; pct: number } {
  const planned = work.flatMap((item) => item.phases.map((phase) => `${item.date}/${phase}`));
  const keys = planned.length > 0 ? planned : phases.map((phase) => `${phase.calcDate}/${phase.phaseKey}`);
  const finished = new Set(phases.filter((phase) => FINISHED_PHASE.has(phase.status)).map((phase) => `${phase.calcDate}/${phase.phaseKey}`));
  let stepsDone = 0;
  let fraction = 0;
  for (const key of keys) {
    if (finished.has(key)) {
      stepsDone += 1;
      continue;
    }
    const chunks = steps.filter((step) => step.stepKey === key || step.stepKey.startsWith(`${key}/`));
    if (chunks.length > 0) fraction += chunks.filter((step) => step.status === "completed" || step.status === "failed").length / chunks.length;
  }
  const stepsTotal = keys.length;
  const pct = stepsTotal === 0 ? 0 : Math.min(100, Math.floor(((stepsDone + fraction) / stepsTotal) * 100));
  return { stepsDone, stepsTotal, pct };
}

const FINISHED_PHASE = new Set(["completed", "failed", "partial", "skipped", "blocked"]);
