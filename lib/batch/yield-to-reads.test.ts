import { describe, expect, it } from "vitest";
import { batchYieldMaxMs, yieldToReads } from "./yield-to-reads";

describe("yieldToReads", () => {
  it("waits while the web server has queries running, and goes on once it has none", async () => {
    const answers = [2, 1, 1, 0];
    let asked = 0;
    await yieldToReads(60_000, async () => answers[asked++]);
    expect(asked).toBe(4);
  });

  it("goes on after its longest wait however busy the web server stays, and when the activity cannot be read", async () => {
    let asked = 0;
    await yieldToReads(30, async () => { asked += 1; return 5; });
    expect(asked).toBeGreaterThan(1);
    let failed = 0;
    await yieldToReads(60_000, async () => { failed += 1; throw new Error("no database"); });
    expect(failed).toBe(1);
  });

  it("does not ask at all with BATCH_YIELD_MAX_MS=0, and reads the setting", async () => {
    let asked = 0;
    await yieldToReads(0, async () => { asked += 1; return 1; });
    expect(asked).toBe(0);
    expect(batchYieldMaxMs({ BATCH_YIELD_MAX_MS: "0" })).toBe(0);
    expect(batchYieldMaxMs({})).toBe(200);
    expect(batchYieldMaxMs({ BATCH_YIELD_MAX_MS: "x" })).toBe(200);
  });
});
