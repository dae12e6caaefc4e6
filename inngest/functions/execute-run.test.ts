import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as phaseSteps from "@/lib/batch/phase-steps";
import * as runFinish from "@/lib/batch/run-finish";
import * as runRequests from "@/lib/batch/run-requests";
import { RUN_ID, expectedStepIds, primeBatch, stepRunIds } from "../test-support";

vi.mock("@/lib/batch/phase-steps", async () => (await import("../test-support")).mockPhaseSteps());
vi.mock("@/lib/batch/run-finish", async () => (await import("../test-support")).mockRunFinish());
vi.mock("@/lib/batch/run-requests", async () => (await import("../test-support")).mockRunRequests());

const MODULES = [phaseSteps, runFinish, runRequests];

import { executeRun } from "./execute-run";

const event = { name: "factorwatch/run.requested", data: { runId: RUN_ID } } as const;

describe("execute-run", () => {
  beforeEach(() => vi.clearAllMocks());

  it("loads the run created by the dashboard, then plans, runs and records each phase, then finishes", async () => {
    const mock = primeBatch(MODULES);
    const { result, ctx } = await new InngestTestEngine({ function: executeRun }).execute({ events: [event] });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("load-run"));
    expect(mock.claimRunSteps).toHaveBeenCalledWith(RUN_ID, expect.stringMatching(/^inngest:/), { skipRecorded: false });
  });

  it("skips recorded phases when it continues a run that hit the step budget", async () => {
    const mock = primeBatch(MODULES);
    await new InngestTestEngine({ function: executeRun }).execute({ events: [{ ...event, data: { runId: RUN_ID, continued: true } }] });
    expect(mock.claimRunSteps).toHaveBeenCalledWith(RUN_ID, expect.stringMatching(/^inngest:/), { skipRecorded: true });
  });

});
