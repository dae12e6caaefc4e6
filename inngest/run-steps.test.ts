import { beforeEach, describe, expect, it, vi } from "vitest";
import * as phaseSteps from "@/lib/batch/phase-steps";
import * as runFinish from "@/lib/batch/run-finish";
import * as runRequests from "@/lib/batch/run-requests";
import type { WorkItem } from "@/lib/batch/run-work";
import { runPlannedSteps } from "./run-steps";
import { RUN_ID, primeBatch } from "./test-support";

vi.mock("@/lib/batch/phase-steps", async () => (await import("./test-support")).mockPhaseSteps());
vi.mock("@/lib/batch/run-finish", async () => (await import("./test-support")).mockRunFinish());
vi.mock("@/lib/batch/run-requests", async () => (await import("./test-support")).mockRunRequests());

const MODULES = [phaseSteps, runFinish, runRequests];
const LEASE_OF_TEST = { runId: RUN_ID, owner: "inngest:01TESTRUN" };

function fakeStep() {
  const ids: string[] = [];
  return {
    ids,
    run: vi.fn(async (id: string, body: () => Promise<unknown>) => { ids.push(id); return body(); }),
    sleep: vi.fn(async (id: string) => { ids.push(id); }),
    sendEvent: vi.fn(async () => ({ ids: ["event-1"] })),
  };
}

describe("runPlannedSteps", () => {
  beforeEach(() => vi.clearAllMocks());

  it("hands the rest of a long run to a new run.requested before the 1,000-step limit", async () => {
    const work: WorkItem[] = Array.from({ length: 10 }, (_, index) => ({ date: `2026-11-${String(10 + index)}`, phases: ["phase_1_market_data"] }));
    const mock = primeBatch(MODULES, work);
    const step = fakeStep();
    const result = await runPlannedSteps(step as never, { runId: RUN_ID, work }, { attempt: 0, maxAttempts: 4, inngestRunId: "01TESTRUN" }, 20);
    expect(result).toEqual({ runId: RUN_ID, continued: true });
    expect(step.ids.length).toBeLessThanOrEqual(20);
    expect(step.ids).not.toContain("finish-run");
    // The run is handed off before the continuation event, so the next function run may claim it.
    expect(step.ids.at(-1)).toBe("hand-off");
    expect(mock.handOffForContinuation).toHaveBeenCalledWith(LEASE_OF_TEST);
    expect(step.sendEvent).toHaveBeenCalledWith("continue-run", expect.objectContaining({ name: "factorwatch/run.requested", data: { runId: RUN_ID, continued: true } }));
  });

  it("finishes a no-op run (no missing dates) with one step", async () => {
    const mock = primeBatch(MODULES, []);
    const step = fakeStep();
    expect(await runPlannedSteps(step as never, { runId: RUN_ID, work: [] }, { attempt: 0, inngestRunId: "01TESTRUN" })).toEqual({ runId: RUN_ID, status: "completed" });
    expect(step.ids).toEqual(["finish-run"]);
    expect(mock.finishRunFromPhases).toHaveBeenCalledWith(LEASE_OF_TEST);
  });

  it("sleeps while another run holds the date, plans again, then goes on", async () => {
    const work: WorkItem[] = [{ date: "2026-11-24", phases: ["phase_4_pnl"] }];
    const mock = primeBatch(MODULES, work);
    mock.planPhase
      .mockResolvedValueOnce({ stepKeys: [], itemsTotal: 0, waitingFor: "run-b" })
      .mockResolvedValueOnce({ stepKeys: [], itemsTotal: 0, waitingFor: "run-b" });
    const step = fakeStep();
    expect(await runPlannedSteps(step as never, { runId: RUN_ID, work }, { attempt: 0, inngestRunId: "01TESTRUN" })).toEqual({ runId: RUN_ID, status: "completed" });
    expect(step.ids).toEqual([
      "plan-2026-11-24-phase-4-pnl", "wait-2026-11-24-phase-4-pnl-1", "plan-2026-11-24-phase-4-pnl-1",
      "wait-2026-11-24-phase-4-pnl-2", "plan-2026-11-24-phase-4-pnl-2", "run-2026-11-24-phase-4-pnl-0", "record-2026-11-24-phase-4-pnl", "finish-run",
    ]);
  });

  it("refuses with a sentence naming the holder after waiting 10 minutes", async () => {
    const work: WorkItem[] = [{ date: "2026-11-24", phases: ["phase_4_pnl"] }];
    const mock = primeBatch(MODULES, work);
    mock.planPhase.mockResolvedValue({ stepKeys: [], itemsTotal: 0, waitingFor: "run-b" });
    const step = fakeStep();
    expect(await runPlannedSteps(step as never, { runId: RUN_ID, work }, { attempt: 0, inngestRunId: "01TESTRUN" })).toEqual({ runId: RUN_ID, status: "failed" });
    expect(step.ids.filter((id) => id.startsWith("wait-"))).toHaveLength(60);
    expect(mock.failRunFromPhases).toHaveBeenCalledWith(LEASE_OF_TEST,
      "2026-11-24 is being written by run run-b, which still held it after 10 minutes; run this again once it finishes.", "refused");
    expect(mock.executeStep).not.toHaveBeenCalled();
  });
});
