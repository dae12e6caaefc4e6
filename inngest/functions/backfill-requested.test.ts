import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as runner from "@/lib/batch/runner";
import { RUN_ID, expectedStepIds, primeRunner, stepRunIds } from "../test-support";

vi.mock("@/lib/batch/runner", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/runner")>()),
  createRunFromRequest: vi.fn(), startRunSteps: vi.fn(), planPhase: vi.fn(), executeStep: vi.fn(), recordPhase: vi.fn(), finishRunFromPhases: vi.fn(),
}));

import { backfillRequested } from "./backfill-requested";

describe("backfill-requested", () => {
  beforeEach(() => vi.clearAllMocks());

  it("creates the backfill run, then runs every date oldest first and finishes", async () => {
    const mock = primeRunner(runner);
    const { result, ctx } = await new InngestTestEngine({ function: backfillRequested }).execute({
      events: [{ name: "factorwatch/backfill.requested", data: { from: "2026-11-24", to: "2026-11-25", reprocess: "all" } }],
    });
    expect(result).toEqual({ runId: RUN_ID, status: "completed" });
    expect(stepRunIds(ctx as never)).toEqual(expectedStepIds("create-run"));
    expect(mock.createRunFromRequest).toHaveBeenCalledWith({ kind: "backfill", from: "2026-11-24", to: "2026-11-25", reprocess: "all", triggeredBy: "backfill", userId: null });
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
