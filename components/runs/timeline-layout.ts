import type { RunListItem } from "@/lib/schemas/run-dto";

/** Bars narrower than this share of the axis are drawn at it, and lanes are assigned as if they were that wide. */
const MIN_SHARE_PCT = 1.5;

export interface TimelineBar { run: RunListItem; leftPct: number; widthPct: number; lane: number }

/** Stacks overlapping runs into lanes (first lane that is free at the run's start), so no bar hides another. */
export function layoutTimeline(runs: RunListItem[], startMs: number, endMs: number): { bars: TimelineBar[]; lanes: number } {
  const span = Math.max(1, endMs - startMs);
  const laneEnds: number[] = [];
  const bars = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((run): TimelineBar => {
    const from = new Date(run.startedAt).getTime();
    const to = run.completedAt ? new Date(run.completedAt).getTime() : endMs;
    const leftPct = Math.min(100 - MIN_SHARE_PCT, Math.max(0, ((from - startMs) / span) * 100));
    const widthPct = Math.min(100 - leftPct, Math.max(MIN_SHARE_PCT, ((to - from) / span) * 100));
    let lane = laneEnds.findIndex((end) => end <= leftPct);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = leftPct + widthPct + 0.2;
    return { run, leftPct, widthPct, lane };
  });
  return { bars, lanes: Math.max(1, laneEnds.length) };
}

