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

import { phaseRerun } from "./phase-rerun";

describe("phase-rerun", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates the rerun run for the date, phase and symbols, then runs the loop", async () => {
    const work = [{ date: "2026-11-24", phases: ["phase_1_market_data" as const], symbols: ["AAPL", "MSFT"] }];
    const mock = primeBatch(MODULES, work);
    const { result, ctx } = await new InngestTestEngine({ function: phaseRerun }).execute({
      events: [{ name: "factorwatch/phase.rerun", data: { date: "2026-11-24", phase: "phase_1_market_data", symbols: ["MSFT", "AAPL"] } }],
    });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("create-run", work));
    expect(mock.createRunFromRequest).toHaveBeenCalledWith({ kind: "rerun", date: "2026-11-24", phase: "phase_1_market_data", symbols: ["MSFT", "AAPL"], triggeredBy: "admin", userId: null }, expect.stringMatching(/^inngest:/));
  });

  it("does not retry bad input", async () => {
    const mock = primeBatch(MODULES);
    const { BatchInputError } = await import("@/lib/batch/run-plans");
    mock.createRunFromRequest.mockRejectedValue(new BatchInputError("2026-11-28 is not an NYSE trading day."));
    const { error } = await new InngestTestEngine({ function: phaseRerun }).execute({
      events: [{ name: "factorwatch/phase.rerun", data: { date: "2026-11-28", phase: "phase_1_market_data" } }],
    });
    expect(JSON.stringify(error)).toContain("NonRetriableError");
    expect(mock.planPhase).not.toHaveBeenCalled();
  });
});
