import { vi } from "vitest";
import type * as Runner from "@/lib/batch/runner";
import type { WorkItem } from "@/lib/batch/run-work";

type RunnerMock = { [K in keyof typeof Runner]: (typeof Runner)[K] extends (...args: never[]) => unknown ? ReturnType<typeof vi.fn> : unknown };

export const RUN_ID = "00000000-0000-4000-8000-000000000001";
export const TWO_DATES: WorkItem[] = [
  { date: "2026-11-24", phases: ["phase_1_market_data", "phase_4_pnl"] },
  { date: "2026-11-25", phases: ["phase_1_market_data", "phase_4_pnl"] },
];

/** Default behaviour of the mocked lib/batch runner: phase 1 plans two chunks, phase 4 one; everything succeeds. */
export function primeRunner(runner: typeof Runner, work: WorkItem[] = TWO_DATES): RunnerMock {
  const mock = runner as unknown as RunnerMock;
  mock.createRunFromRequest.mockResolvedValue({ runId: RUN_ID, work });
  mock.startRunSteps.mockResolvedValue({ runId: RUN_ID, work });
  mock.planPhase.mockImplementation(async (_runId: string, item: WorkItem, phase: string) => {
    const chunks = phase === "phase_1_market_data" ? 2 : 1;
    return { stepKeys: Array.from({ length: chunks }, (_, index) => `${item.date}/${phase}/${index}`), itemsTotal: chunks * 10 };
  });
  mock.executeStep.mockResolvedValue({ status: "completed", itemsDone: 10, itemsFailed: 0, itemsSkipped: 0 });
  mock.recordPhase.mockResolvedValue({ status: "completed", itemsDone: 20, itemsFailed: 0 });
  mock.finishRunFromPhases.mockResolvedValue({ status: "completed" });
  return mock;
}

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
