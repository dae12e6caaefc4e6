import { createHash } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as phaseSteps from "@/lib/batch/phase-steps";
import * as runFinish from "@/lib/batch/run-finish";
import * as runRequests from "@/lib/batch/run-requests";
import { LEASE, RUN_ID, expectedStepIds, primeBatch, stepRunIds } from "../test-support";
import { nightlyBatch } from "./nightly-batch";

vi.mock("@/lib/batch/phase-steps", async () => (await import("../test-support")).mockPhaseSteps());
vi.mock("@/lib/batch/run-finish", async () => (await import("../test-support")).mockRunFinish());
vi.mock("@/lib/batch/run-requests", async () => (await import("../test-support")).mockRunRequests());

const MODULES = [phaseSteps, runFinish, runRequests];

const event = { name: "factorwatch/nightly.requested", data: { triggeredBy: "cron" } } as const;
const stateOf = (state: Record<string, Promise<unknown>>, id: string) => state[createHash("sha1").update(id).digest("hex")];

describe("nightly-batch", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates the run, then plans, runs the chunks and records each phase of each date, then finishes", async () => {
    const mock = primeBatch(MODULES);
    const { result, ctx } = await new InngestTestEngine({ function: nightlyBatch }).execute({ events: [event] });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("create-run"));
    expect(mock.createRunFromRequest).toHaveBeenCalledWith({ kind: "nightly", triggeredBy: "cron", userId: null }, expect.stringMatching(/^inngest:/));
    expect(new Set(mock.executeStep.mock.calls.map((call: unknown[]) => call[3])).size).toBe(6);
    expect(mock.executeStep).toHaveBeenCalledWith(LEASE, expect.objectContaining({ date: "2026-11-24" }), "phase_1_market_data", "2026-11-24/phase_1_market_data/1", { rethrow: true });
  });

  it("keeps every step output to ids and counts", async () => {
    primeBatch(MODULES);
    const { state } = await new InngestTestEngine({ function: nightlyBatch }).execute({ events: [event] });
    for (const id of expectedStepIds("create-run")) {
      const output = await stateOf(state, id);
      expect(JSON.stringify(output).length, id).toBeLessThan(400);
    }
    expect(await stateOf(state, "run-2026-11-25-phase-1-market-data-0")).toEqual({ status: "completed", itemsDone: 10, itemsFailed: 0, itemsSkipped: 0 });
    expect(await stateOf(state, "plan-2026-11-25-phase-4-pnl")).toEqual({ stepKeys: ["2026-11-25/phase_4_pnl/0"], itemsTotal: 10 });
  });

  it("skips the chunks and the record of a blocked phase", async () => {
    const mock = primeBatch(MODULES);
    mock.planPhase.mockImplementation(async (_runId: string, item: { date: string }, phase: string) =>
      phase === "phase_4_pnl" ? { stepKeys: [], itemsTotal: 0, blocked: "blocked: the symbol batch failed" } : { stepKeys: [`${item.date}/${phase}/0`], itemsTotal: 1 });
    const { ctx } = await new InngestTestEngine({ function: nightlyBatch }).execute({ events: [event] });
    expect(stepRunIds(ctx as never)).toEqual([
      "create-run",
      "plan-2026-11-24-phase-1-market-data", "run-2026-11-24-phase-1-market-data-0", "record-2026-11-24-phase-1-market-data", "plan-2026-11-24-phase-4-pnl",
      "plan-2026-11-25-phase-1-market-data", "run-2026-11-25-phase-1-market-data-0", "record-2026-11-25-phase-1-market-data", "plan-2026-11-25-phase-4-pnl",
      "finish-run",
    ]);
  });

  it("surfaces a throwing chunk step so Inngest retries it, and asks the runner to rethrow before the last attempt", async () => {
    const mock = primeBatch(MODULES);
    mock.executeStep.mockRejectedValueOnce(new Error("provider exploded"));
    const { error, ctx } = await new InngestTestEngine({ function: nightlyBatch }).execute({ events: [event] });
    expect(JSON.stringify(error)).toContain("provider exploded");
    expect(mock.executeStep).toHaveBeenCalledWith(LEASE, expect.anything(), "phase_1_market_data", "2026-11-24/phase_1_market_data/0", { rethrow: true });
    expect(stepRunIds(ctx as never)).not.toContain("finish-run");
    expect(mock.finishRunFromPhases).not.toHaveBeenCalled();
  });

  it("records a chunk's exception instead of rethrowing on the last attempt", async () => {
    const mock = primeBatch(MODULES);
    await new InngestTestEngine({ function: nightlyBatch, transformCtx: (ctx) => ({ ...ctx, attempt: 3, maxAttempts: 4 }) }).execute({ events: [event] });
    expect(mock.executeStep).toHaveBeenCalledWith(LEASE, expect.anything(), "phase_4_pnl", "2026-11-24/phase_4_pnl/0", { rethrow: false });
  });

  it("does not retry a refused run (one nightly at a time)", async () => {
    const mock = primeBatch(MODULES);
    const { RunRefusedError } = await import("@/lib/db/batch-runs");
    mock.createRunFromRequest.mockRejectedValue(new RunRefusedError("A nightly run is already running; wait for it to finish."));
    const { error } = await new InngestTestEngine({ function: nightlyBatch }).execute({ events: [event] });
    expect(JSON.stringify(error)).toContain("already running");
    expect(JSON.stringify(error)).toContain("NonRetriableError");
    expect(mock.planPhase).not.toHaveBeenCalled();
  });
});
