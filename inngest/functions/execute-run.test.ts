import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as runner from "@/lib/batch/runner";
import { RUN_ID, expectedStepIds, primeRunner, stepRunIds } from "../test-support";

vi.mock("@/lib/batch/runner", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/runner")>()),
  createRunFromRequest: vi.fn(), startRunSteps: vi.fn(), planPhase: vi.fn(), executeStep: vi.fn(), recordPhase: vi.fn(), finishRunFromPhases: vi.fn(),
}));

import { executeRun } from "./execute-run";

const event = { name: "factorwatch/run.requested", data: { runId: RUN_ID } } as const;

describe("execute-run", () => {
  beforeEach(() => vi.clearAllMocks());

  it("loads the run created by the dashboard, then plans, runs and records each phase, then finishes", async () => {
    const mock = primeRunner(runner);
    const { result, ctx } = await new InngestTestEngine({ function: executeRun }).execute({ events: [event] });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("load-run"));
    expect(mock.startRunSteps).toHaveBeenCalledWith(RUN_ID, { skipRecorded: false });
  });

  it("skips recorded phases when it continues a run that hit the step budget", async () => {
    const mock = primeRunner(runner);
    await new InngestTestEngine({ function: executeRun }).execute({ events: [{ ...event, data: { runId: RUN_ID, continued: true } }] });
    expect(mock.startRunSteps).toHaveBeenCalledWith(RUN_ID, { skipRecorded: true });
  });

});
