import { NonRetriableError, type GetStepTools } from "inngest";
import { LeaseLostError, RunRefusedError, type RunLease } from "@/lib/db/batch-runs";
import type { PhaseKey } from "@/lib/batch/phase-types";
import { executeStep, planPhase, recordPhase } from "@/lib/batch/phase-steps";
import { failRunFromPhases, finishRunFromPhases } from "@/lib/batch/run-finish";
import { inngestOwner } from "@/lib/batch/run-lifecycle";
import { BatchInputError } from "@/lib/batch/run-plans";
import { handOffForContinuation, type RunSteps } from "@/lib/batch/run-requests";
import type { inngest } from "./client";
import { runRequestedEvent } from "./events";

type StepTools = GetStepTools<typeof inngest>;

/** Retries of every step function (style guide: throw to retry). */
export const STEP_RETRIES = 3;
/** Inngest allows 1,000 steps per run; past this budget the run continues in a new execute-run (DB state makes it resume). */
export const STEP_BUDGET = 900;
/** While another run holds a date: sleep this long between plans, at most DATE_WAIT_ROUNDS times (10 minutes). */
export const DATE_WAIT_SLEEP = "10s";
export const DATE_WAIT_ROUNDS = 60;

export interface RunStepsResult {
  runId: string;
  status?: "completed" | "partial" | "failed";
  continued?: boolean;
}

/** `phase_1_market_data` → `phase-1-market-data` (step ids are kebab-case). */
export function phaseSlug(phase: PhaseKey): string {
  return phase.replace(/_/g, "-");
}

/** The lease every step of this Inngest function run holds: its owner token is the Inngest run id. */
export function leaseOf(runId: string, inngestRunId: string): RunLease {
  return { runId, owner: inngestOwner(inngestRunId) };
}

/** Bad input, a refused run and a lost lease will not get better by retrying. */
export async function withoutRetryOnRefusal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BatchInputError || error instanceof RunRefusedError || error instanceof LeaseLostError) {
      throw new NonRetriableError(error.message, { cause: error });
    }
    throw error;
  }
}

/**
 * The durable loop shared by nightly-batch, execute-run, phase-rerun and backfill-requested: for each date, for each
 * phase, plan (sleeping while another run holds the date) → chunk steps in parallel → record; then finish the run.
 * Every step beats the run's lease first and returns only ids and counts.
 */
export async function runPlannedSteps(
  step: StepTools,
  run: RunSteps,
  context: { attempt: number; maxAttempts?: number; inngestRunId: string },
  budget = STEP_BUDGET,
): Promise<RunStepsResult> {
  const lease = leaseOf(run.runId, context.inngestRunId);
  // On its last attempt a chunk's exception is recorded as a failed chunk (like the in-process runner) instead of failing the run.
  const rethrow = context.attempt < (context.maxAttempts ?? STEP_RETRIES + 1) - 1;
  let used = 1;
  for (const work of run.work) {
    for (const phase of work.phases) {
      const id = `${work.date}-${phaseSlug(phase)}`;
      if (used + 2 > budget) return continueRun(step, lease);
      let plan = await step.run(`plan-${id}`, () => withoutRetryOnRefusal(() => planPhase(lease, work, phase)));
      used += 1;
      for (let round = 1; plan.waitingFor; round += 1) {
        if (round > DATE_WAIT_ROUNDS || used + 3 > budget) {
          const reason = `${work.date} is being written by run ${plan.waitingFor}, which still held it after 10 minutes; run this again once it finishes.`;
          await step.run(`refuse-${id}`, () => withoutRetryOnRefusal(() => failRunFromPhases(lease, reason, "refused")));
          return { runId: run.runId, status: "failed" };
        }
        await step.sleep(`wait-${id}-${round}`, DATE_WAIT_SLEEP);
        plan = await step.run(`plan-${id}-${round}`, () => withoutRetryOnRefusal(() => planPhase(lease, work, phase)));
        used += 2;
      }
      if (plan.blocked) continue;
      if (used + plan.stepKeys.length + 2 > budget) return continueRun(step, lease);
      await Promise.all(plan.stepKeys.map((key, index) =>
        step.run(`run-${id}-${index}`, () => withoutRetryOnRefusal(() => executeStep(lease, work, phase, key, { rethrow })))));
      await step.run(`record-${id}`, () => withoutRetryOnRefusal(() => recordPhase(lease, work, phase)));
      used += plan.stepKeys.length + 1;
    }
  }
  const finished = await step.run("finish-run", () => withoutRetryOnRefusal(() => finishRunFromPhases(lease)));
  return { runId: run.runId, status: finished.status };
}

async function continueRun(step: StepTools, lease: RunLease): Promise<RunStepsResult> {
  await step.run("hand-off", () => withoutRetryOnRefusal(() => handOffForContinuation(lease)));
  await step.sendEvent("continue-run", runRequestedEvent.create({ runId: lease.runId, continued: true }));
  return { runId: lease.runId, continued: true };
}
