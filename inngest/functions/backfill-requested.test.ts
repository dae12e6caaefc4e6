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

import { backfillRequested } from "./backfill-requested";

describe("backfill-requested", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates the backfill run, then runs every date oldest first and finishes", async () => {
    const mock = primeBatch(MODULES);
    const { result, ctx } = await new InngestTestEngine({ function: backfillRequested }).execute({
      events: [{ name: "factorwatch/backfill.requested", data: { from: "2026-11-24", to: "2026-11-25", reprocess: "all" } }],
    });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("create-run"));
    expect(mock.createRunFromRequest).toHaveBeenCalledWith({ kind: "backfill", from: "2026-11-24", to: "2026-11-25", reprocess: "all", triggeredBy: "backfill", userId: null }, expect.stringMatching(/^inngest:/));
  });

  it("uses a different concurrency key from the nightly, so a backfill never blocks it", async () => {
    const { nightlyBatch } = await import("./nightly-batch");
    const flow = (fn: unknown) => {
      const opts = (fn as { opts: { concurrency: { key: string }[]; singleton: { key: string } } }).opts;
      return [...opts.concurrency.map((option) => option.key), opts.singleton.key];
    };
    expect(flow(backfillRequested)).toEqual(['"backfill"', '"backfill"']);
    expect(flow(nightlyBatch)).toEqual(['"nightly"', '"nightly"']);
  });
});
