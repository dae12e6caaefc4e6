import { beforeEach, describe, expect, it, vi } from "vitest";
import * as runner from "@/lib/batch/runner";
import type { WorkItem } from "@/lib/batch/run-work";
import { runPlannedSteps } from "./run-steps";
import { RUN_ID, primeRunner } from "./test-support";

vi.mock("@/lib/batch/runner", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/runner")>()),
  createRunFromRequest: vi.fn(), startRunSteps: vi.fn(), planPhase: vi.fn(), executeStep: vi.fn(), recordPhase: vi.fn(), finishRunFromPhases: vi.fn(),
}));

function fakeStep() {
  const ids: string[] = [];
  return {
    ids,
    run: vi.fn(async (id: string, body: () => Promise<unknown>) => { ids.push(id); return body(); }),
    sendEvent: vi.fn(async () => ({ ids: ["event-1"] })),
  };
}

describe("runPlannedSteps", () => {
  beforeEach(() => vi.clearAllMocks());

  it("hands the rest of a long run to a new run.requested before the 1,000-step limit", async () => {
    const work: WorkItem[] = Array.from({ length: 10 }, (_, index) => ({ date: `2026-11-${String(10 + index)}`, phases: ["phase_1_market_data"] }));
    primeRunner(runner, work);
    const step = fakeStep();
    const result = await runPlannedSteps(step as never, { runId: RUN_ID, work }, { attempt: 0, maxAttempts: 4 }, 20);
    expect(result).toEqual({ runId: RUN_ID, continued: true });
    expect(step.ids.length).toBeLessThanOrEqual(20);
    expect(step.ids).not.toContain("finish-run");
    expect(step.sendEvent).toHaveBeenCalledWith("continue-run", expect.objectContaining({ name: "factorwatch/run.requested", data: { runId: RUN_ID, continued: true } }));
  });

  it("finishes a no-op run (no missing dates) with one step", async () => {
    const mock = primeRunner(runner, []);
    const step = fakeStep();
    expect(await runPlannedSteps(step as never, { runId: RUN_ID, work: [] }, { attempt: 0 })).toEqual({ runId: RUN_ID, status: "completed" });
    expect(step.ids).toEqual(["finish-run"]);
    expect(mock.finishRunFromPhases).toHaveBeenCalledWith(RUN_ID);
  });
});
