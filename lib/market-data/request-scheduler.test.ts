import { describe, expect, it } from "vitest";
import { ProviderFailure, RequestScheduler, type RequestPolicy } from "./request-scheduler";

const POLICY: RequestPolicy = {
  concurrency: 2, minIntervalMs: 0, requestTimeoutMs: 1_000, maxAttempts: 3, retryBaseDelayMs: 1, retryMaxDelayMs: 5,
};
const classify = (error: unknown) => new ProviderFailure("provider_error", String(error), false);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("RequestScheduler", () => {
  it("spaces request starts by minIntervalMs and caps concurrency", async () => {
    const scheduler = new RequestScheduler({ ...POLICY, minIntervalMs: 25 }, classify);
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        scheduler.run(async () => {
          starts.push(performance.now());
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(40);
          inFlight -= 1;
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.ok && r.value)).toEqual([0, 1, 2, 3, 4]);
    expect(maxInFlight).toBe(2);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(20);
  });

  it("retries only retryable failures and counts attempts", async () => {
    const scheduler = new RequestScheduler(POLICY, classify);
    let calls = 0;
    const flaky = await scheduler.run(async () => {
      calls += 1;
      if (calls < 3) throw new ProviderFailure("rate_limited", "429", true);
      return "ok";
    });
    expect(flaky).toEqual({ ok: true, value: "ok", attempts: 3 });
    const fatal = await scheduler.run(async () => {
      throw new ProviderFailure("not_found", "gone", false);
    });
    expect(fatal).toEqual({ ok: false, error: { kind: "not_found", message: "gone", attempts: 1 } });
    const unknown = await scheduler.run(async () => {
      throw new Error("boom");
    });
    expect(unknown).toEqual({ ok: false, error: { kind: "provider_error", message: "Error: boom", attempts: 1 } });
  });

  it("an outer abort cancels queued work without starting it (attempts 0)", async () => {
    const scheduler = new RequestScheduler({ ...POLICY, concurrency: 1 }, classify);
    const controller = new AbortController();
    const blocker = scheduler.run((signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))), controller.signal);
    let started = false;
    const queued = scheduler.run(async () => {
      started = true;
    }, controller.signal);
    await sleep(10); // the blocker is in flight, the second task waits for the only slot
    controller.abort(new Error("batch timed out"));
    expect(await blocker).toEqual({ ok: false, error: { kind: "timed_out", message: "batch timed out", attempts: 1 } });
    expect(await queued).toEqual({ ok: false, error: { kind: "timed_out", message: "batch timed out", attempts: 0 } });
    expect(started).toBe(false);
  });

  it("rejects invalid policies with exact messages", () => {
    expect(() => new RequestScheduler({ ...POLICY, concurrency: 0 }, classify)).toThrow("RequestScheduler requires concurrency >= 1, got 0");
    expect(() => new RequestScheduler({ ...POLICY, maxAttempts: 0 }, classify)).toThrow("RequestScheduler requires maxAttempts >= 1, got 0");
  });
});
