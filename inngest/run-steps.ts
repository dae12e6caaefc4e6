import { NonRetriableError, type GetStepTools } from "inngest";
import { BatchInputError, RunRefusedError } from "@/lib/batch/actions";
import type { PhaseKey } from "@/lib/batch/phase-types";
import { executeStep, finishRunFromPhases, planPhase, recordPhase, type RunSteps } from "@/lib/batch/runner";
import type { inngest } from "./client";
import { runRequestedEvent } from "./events";

type StepTools = GetStepTools<typeof inngest>;

/** Retries of every step function (style guide: throw to retry). */
export const STEP_RETRIES = 3;
/** Inngest allows 1,000 steps per run; past this budget the run continues in a new execute-run (DB state makes it resume). */
export const STEP_BUDGET = 900;

export interface RunStepsResult {
  runId: string;
  status?: "completed" | "partial" | "failed";
  continued?: boolean;
}

/** `phase_1_market_data` → `phase-1-market-data` (step ids are kebab-case). */
export function phaseSlug(phase: PhaseKey): string {
  return phase.replace(/_/g, "-");
}

/** Bad input and a refused run (one run per job type, D12) will not get better by retrying. */
export async function withoutRetryOnRefusal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BatchInputError || error instanceof RunRefusedError) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  }
}

/**
 * The durable loop shared by nightly-batch, execute-run, phase-rerun and backfill-requested: for each date, for each
 * phase, plan → chunk steps in parallel → record; then finish the run. Every step returns only ids and counts.
 */
export async function runPlannedSteps(
  step: StepTools,
  run: RunSteps,
  attempt: { attempt: number; maxAttempts?: number },
  budget = STEP_BUDGET,
): Promise<RunStepsResult> {
  const { runId } = run;
  // On its last attempt a chunk's exception is recorded as a failed chunk (like the in-process runner) instead of failing the run.
  const rethrow = attempt.attempt < (attempt.maxAttempts ?? STEP_RETRIES + 1) - 1;
  let used = 1;
  for (const work of run.work) {
    for (const phase of work.phases) {
      const id = `${work.date}-${phaseSlug(phase)}`;
      if (used + 2 > budget) return continueRun(step, runId);
      const plan = await step.run(`plan-${id}`, () => planPhase(runId, work, phase));
      used += 1;
      if (plan.blocked) continue;
      if (used + plan.stepKeys.length + 2 > budget) return continueRun(step, runId);
      await Promise.all(plan.stepKeys.map((key, index) =>
        step.run(`run-${id}-${index}`, () => executeStep(runId, work, phase, key, { rethrow }))));
      await step.run(`record-${id}`, () => recordPhase(runId, work, phase));
      used += plan.stepKeys.length + 1;
    }
  }
  const finished = await step.run("finish-run", () => finishRunFromPhases(runId));
  return { runId, status: finished.status };
}

async function continueRun(step: StepTools, runId: string): Promise<RunStepsResult> {
  await step.sendEvent("continue-run", runRequestedEvent.create({ runId, continued: true }));
  return { runId, continued: true };
}
