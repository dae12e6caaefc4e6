import { afterEach, describe, expect, it, vi } from "vitest";
import * as launcher from "@/lib/batch/launcher";
import * as runner from "@/lib/batch/runner";
import { registerInngestLauncher, shouldUseInngest } from "./dispatch";

vi.mock("@/lib/batch/runner", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/runner")>()),
  executeRun: vi.fn(async (runId: string) => ({ runId, status: "completed", phases: [] })),
}));

afterEach(() => {
  launcher.setRunLauncher(null);
  vi.restoreAllMocks();
  vi.mocked(runner.executeRun).mockClear();
});

describe("registerInngestLauncher", () => {
  it("keeps the in-process runner when neither INNGEST_EVENT_KEY nor INNGEST_DEV is set", async () => {
    const send = vi.fn();
    expect(registerInngestLauncher({}, send)).toBe("runner");
    expect(shouldUseInngest({})).toBe(false);
    expect(registerInngestLauncher({ INNGEST_DEV: "0" }, send)).toBe("runner");
    expect(registerInngestLauncher({ INNGEST_DEV: "false" }, send)).toBe("runner");
    expect(await launcher.launchRun("run-1")).toBe("runner");
    expect(send).not.toHaveBeenCalled();
  });

  it.each([{ INNGEST_EVENT_KEY: "key", INNGEST_SIGNING_KEY: "signkey" }, { INNGEST_DEV: "1" }])("sends factorwatch/run.requested when %o is set", async (env) => {
    const send = vi.fn(async () => ({ ids: ["event-1"] }));
    expect(registerInngestLauncher(env, send)).toBe("inngest");
    expect(await launcher.launchRun("run-2")).toBe("inngest");
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "factorwatch/run.requested", data: { runId: "run-2" } }));
    expect(runner.executeRun).not.toHaveBeenCalled();
  });

  it("falls back to the in-process runner with a warning when the send throws", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    registerInngestLauncher({ INNGEST_DEV: "1" }, vi.fn(async () => { throw new TypeError("fetch failed"); }));
    expect(await launcher.launchRun("run-3")).toBe("runner");
    expect(runner.executeRun).toHaveBeenCalledWith("run-3");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("fetch failed"));
  });
});
