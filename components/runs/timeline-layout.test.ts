import { describe, expect, it } from "vitest";
import type { RunListItem } from "@/lib/schemas/run-dto";
import { layoutTimeline } from "./timeline-layout";

const day = 86_400_000;
const start = Date.parse("2026-11-01T00:00:00Z");
const end = start + 30 * day;
const run = (id: string, from: string, to: string | null): RunListItem => ({
  id, jobType: "backfill", status: to ? "completed" : "running", triggeredBy: "admin", startedAt: from, completedAt: to, durationMs: null,
  totalItems: 0, completedItems: 0, failedItems: 0, skippedItems: 0, notReachedItems: 0, calcDates: [], errorCount: 0, failureReason: null,
});

describe("layoutTimeline", () => {
  it("puts two overlapping runs on their own lanes, so the later one is not hidden under the first", () => {
    const { bars, lanes } = layoutTimeline([
      run("b", "2026-11-10T12:00:10Z", "2026-11-10T12:00:40Z"),
      run("a", "2026-11-10T12:00:00Z", "2026-11-10T12:01:00Z"),
    ], start, end);
    expect(lanes).toBe(2);
    expect(bars.map((bar) => [bar.run.id, bar.lane])).toEqual([["a", 0], ["b", 1]]);
  });
  it("draws a seconds-long run at the minimum width and lets runs days apart share a lane", () => {
    const { bars, lanes } = layoutTimeline([
      run("a", "2026-11-05T12:00:00Z", "2026-11-05T12:00:02Z"),
      run("b", "2026-11-20T12:00:00Z", "2026-11-20T12:00:02Z"),
    ], start, end);
    expect(lanes).toBe(1);
    expect(bars.every((bar) => bar.widthPct === 1.5)).toBe(true);
    expect(bars[1].leftPct).toBeCloseTo((19.5 / 30) * 100, 5);
  });
  it("keeps a run that starts at the very end inside the axis, and a running run reaches now", () => {
    const { bars } = layoutTimeline([run("late", new Date(end - 1000).toISOString(), null)], start, end);
    expect(bars[0].leftPct + bars[0].widthPct).toBeLessThanOrEqual(100);
  });
});
