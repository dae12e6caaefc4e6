import { expect, vi, type Mock } from "vitest";
import type { WorkItem } from "@/lib/batch/run-work";

/**
 * The lib/batch modules the Inngest functions call, replaced by mocks in a test file with:
 * vi.mock("@/lib/batch/phase-steps", () => mockPhaseSteps()); and the same for run-finish and run-requests.
 */
export const mockPhaseSteps = () => ({ planPhase: vi.fn(), executeStep: vi.fn(), recordPhase: vi.fn() });
export const mockRunFinish = () => ({ finishRunFromPhases: vi.fn(), failRunFromPhases: vi.fn() });
export const mockRunRequests = () => ({ createRunFromRequest: vi.fn(), claimRunSteps: vi.fn(), handOffForContinuation: vi.fn() });

export interface BatchMocks {
  planPhase: Mock;
  executeStep: Mock;
  recordPhase: Mock;
  finishRunFromPhases: Mock;
  failRunFromPhases: Mock;
  createRunFromRequest: Mock;
  claimRunSteps: Mock;
  handOffForContinuation: Mock;
}

export const RUN_ID = "00000000-0000-4000-8000-000000000001";
export const TWO_DATES: WorkItem[] = [
  { date: "2026-11-24", phases: ["phase_1_market_data", "phase_4_pnl"] },
  { date: "2026-11-25", phases: ["phase_1_market_data", "phase_4_pnl"] },
];

/**
 * Default behaviour of the mocked lib/batch blocks (pass the three mocked modules): phase 1 plans two chunks, phase 4
 * one; everything succeeds.
 */
export function primeBatch(modules: object[], work: WorkItem[] = TWO_DATES): BatchMocks {
  const mock = Object.assign({}, ...modules) as BatchMocks;
  mock.createRunFromRequest.mockResolvedValue({ runId: RUN_ID, work });
  mock.claimRunSteps.mockResolvedValue({ runId: RUN_ID, work });
  mock.planPhase.mockImplementation(async (_lease: unknown, item: WorkItem, phase: string) => {
    const chunks = phase === "phase_1_market_data" ? 2 : 1;
    return { stepKeys: Array.from({ length: chunks }, (_, index) => `${item.date}/${phase}/${index}`), itemsTotal: chunks * 10 };
  });
  mock.executeStep.mockResolvedValue({ status: "completed", itemsDone: 10, itemsFailed: 0, itemsSkipped: 0 });
  mock.recordPhase.mockResolvedValue({ status: "completed", itemsDone: 20, itemsFailed: 0 });
  mock.finishRunFromPhases.mockResolvedValue({ status: "completed" });
  mock.failRunFromPhases.mockResolvedValue({ status: "failed" });
  mock.handOffForContinuation.mockResolvedValue(undefined);
  return mock;
}

/** The lease the durable loop passes: the run id with the Inngest run's owner token. */
export const LEASE = { runId: RUN_ID, owner: expect.stringMatching(/^inngest:/) as unknown as string };

/** The loop's step ids for `work` after `first` (create-run or load-run), in the order the function reaches them. */
export function expectedStepIds(first: string, work: WorkItem[] = TWO_DATES): string[] {
  const ids = [first];
  for (const item of work) {
    for (const phase of item.phases) {
      const id = `${item.date}-${phase.replace(/_/g, "-")}`;
      const chunks = phase === "phase_1_market_data" ? 2 : 1;
      ids.push(`plan-${id}`, ...Array.from({ length: chunks }, (_, index) => `run-${id}-${index}`), `record-${id}`);
    }
  }
  return [...ids, "finish-run"];
}

/** Step ids in the order `step.run` was called (the @inngest/test spy). */
export function stepRunIds(ctx: { step: { run: { mock: { calls: unknown[][] } } } }): string[] {
  const ids = ctx.step.run.mock.calls.map((call) => String(call[0]));
  return ids.filter((id, index) => ids.indexOf(id) === index);
}
