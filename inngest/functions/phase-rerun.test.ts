import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as runner from "@/lib/batch/runner";
import { RUN_ID, expectedStepIds, primeRunner, stepRunIds } from "../test-support";

vi.mock("@/lib/batch/runner", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/runner")>()),
  createRunFromRequest: vi.fn(), startRunSteps: vi.fn(), planPhase: vi.fn(), executeStep: vi.fn(), recordPhase: vi.fn(), finishRunFromPhases: vi.fn(),
}));

import { phaseRerun } from "./phase-rerun";

describe("phase-rerun", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates the rerun run for the date, phase and symbols, then runs the loop", async () => {
    const work = [{ date: "2026-11-24", phases: ["phase_1_market_data" as const], symbols: ["AAPL", "MSFT"] }];
    const mock = primeRunner(runner, work);
    const { result, ctx } = await new InngestTestEngine({ function: phaseRerun }).execute({
      events: [{ name: "factorwatch/phase.rerun", data: { date: "2026-11-24", phase: "phase_1_market_data", symbols: ["MSFT", "AAPL"] } }],
    });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("create-run", work));
    expect(mock.createRunFromRequest).toHaveBeenCalledWith({ kind: "rerun", date: "2026-11-24", phase: "phase_1_market_data", symbols: ["MSFT", "AAPL"], triggeredBy: "admin", userId: null });
  });

  it("does not retry bad input", async () => {
    const mock = primeRunner(runner);
    const { BatchInputError } = await import("@/lib/batch/actions");
    mock.createRunFromRequest.mockRejectedValue(new BatchInputError("2026-11-28 is not an NYSE trading day."));
    const { error } = await new InngestTestEngine({ function: phaseRerun }).execute({
      events: [{ name: "factorwatch/phase.rerun", data: { date: "2026-11-28", phase: "phase_1_market_data" } }],
    });
    expect(JSON.stringify(error)).toContain("NonRetriableError");
    expect(mock.planPhase).not.toHaveBeenCalled();
  });
});
