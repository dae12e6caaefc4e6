import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import * as onboarding from "@/lib/batch/onboarding-worker";
import { symbolOnboard } from "./symbol-onboard";

vi.mock("@/lib/batch/onboarding-worker", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/onboarding-worker")>()),
  ensureOnboardingWorker: vi.fn(async () => undefined),
}));

describe("symbol-onboard", () => {
  it("drains the database onboarding queue in one step", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: symbolOnboard }).execute({
      events: [{ name: "factorwatch/symbol.onboard", data: { symbol: "NVDA" } }],
    });
    expect(result).toEqual({ symbol: "NVDA" });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ctx.step.run).toHaveBeenCalledWith("drain-onboarding-queue", expect.any(Function));
    expect(onboarding.ensureOnboardingWorker).toHaveBeenCalled();
  });
});
