import { afterEach, describe, expect, it, vi } from "vitest";
import * as launcher from "@/lib/batch/launcher";
import * as inProcess from "@/lib/batch/run-in-process";
import * as lifecycle from "@/lib/batch/run-lifecycle";
import { registerInngestLauncher, sendCertainlyFailed, shouldUseInngest } from "./dispatch";

vi.mock("@/lib/batch/run-in-process", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/run-in-process")>()),
  executeRun: vi.fn(async (lease: { runId: string }) => ({ runId: lease.runId, status: "completed", phases: [] })),
}));
vi.mock("@/lib/batch/run-lifecycle", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/batch/run-lifecycle")>()),
  takeOverForThisProcess: vi.fn(async (runId: string) => ({ runId, owner: "runner:taken-over" })),
}));

const LEASE = { runId: "run-2", owner: "handoff:x" };

afterEach(() => {
  launcher.setRunLauncher(null);
  vi.restoreAllMocks();
  vi.mocked(inProcess.executeRun).mockClear();
  vi.mocked(lifecycle.takeOverForThisProcess).mockClear();
});

describe("registerInngestLauncher", () => {
  it("keeps the in-process runner when neither INNGEST_EVENT_KEY nor INNGEST_DEV is set", async () => {
    const send = vi.fn();
    expect(registerInngestLauncher({}, send)).toBe("runner");
    expect(shouldUseInngest({})).toBe(false);
    expect(registerInngestLauncher({ INNGEST_DEV: "0" }, send)).toBe("runner");
    expect(registerInngestLauncher({ INNGEST_DEV: "false" }, send)).toBe("runner");
    expect(launcher.getRunLauncher().engine).toBe("runner");
    expect(await launcher.getRunLauncher().launch(LEASE)).toBe("runner");
    expect(inProcess.executeRun).toHaveBeenCalledWith(LEASE, {});
    expect(send).not.toHaveBeenCalled();
  });

  it.each([{ INNGEST_EVENT_KEY: "key", INNGEST_SIGNING_KEY: "signkey" }, { INNGEST_DEV: "1" }])("sends factorwatch/run.requested when %o is set", async (env) => {
    const send = vi.fn(async () => ({ ids: ["event-1"] }));
    expect(registerInngestLauncher(env, send)).toBe("inngest");
    expect(launcher.getRunLauncher().engine).toBe("inngest");
    expect(await launcher.getRunLauncher().launch(LEASE)).toBe("inngest");
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "factorwatch/run.requested", data: { runId: "run-2" } }));
    expect(inProcess.executeRun).not.toHaveBeenCalled();
  });

  it("runs the run here when the send certainly failed (no connection), taking it over from its hand-off", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    registerInngestLauncher({ INNGEST_DEV: "1" }, vi.fn(async () => { throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }); }));
    expect(await launcher.getRunLauncher().launch(LEASE)).toBe("runner");
    expect(lifecycle.takeOverForThisProcess).toHaveBeenCalledWith("run-2", { fromHandoff: true });
    expect(inProcess.executeRun).toHaveBeenCalledWith({ runId: "run-2", owner: "runner:taken-over" });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("running it in this process instead"));
  });

  it("leaves the run to Inngest and says so when the send may have arrived (a timeout or an error answer)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    registerInngestLauncher({ INNGEST_DEV: "1" }, vi.fn(async () => { throw new Error("Request timed out after 30000ms"); }));
    expect(await launcher.getRunLauncher().launch(LEASE)).toBe("inngest");
    expect(inProcess.executeRun).not.toHaveBeenCalled();
    expect(lifecycle.takeOverForThisProcess).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Inngest send for run run-2 may have failed \(Request timed out after 30000ms\); it is left to Inngest/));
  });

  it("tells a certain failure from an ambiguous one by the connection error code", () => {
    expect(sendCertainlyFailed(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toBe(true);
    expect(sendCertainlyFailed({ cause: { cause: { code: "ENOTFOUND" } } })).toBe(true);
    expect(sendCertainlyFailed(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe(false);
    expect(sendCertainlyFailed(new Error("500 Internal Server Error"))).toBe(false);
  });
});
