import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";
import { benchmarkPhase1 } from "./benchmark-phase1";

useTestDatabase();

describe("benchmarkPhase1", () => {
  it("loads synthetic symbols and reports rows per second", async () => {
    const count = Number(process.env.BENCH_PHASE1_SYMBOLS ?? 20);
    const result = await benchmarkPhase1(count, { calcDate: "2026-03-13" });
    if (process.env.BENCH_PHASE1_SYMBOLS) console.log(`phase1: ${JSON.stringify(result)}`);
    expect(result.rows).toBe(count * 252);
    expect(result.rowsPerSecond).toBeGreaterThan(0);
  }, 300_000);
});
