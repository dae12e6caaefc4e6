import Link from "next/link";
import type { RunListItem } from "@/lib/schemas/run-dto";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { layoutTimeline } from "./timeline-layout";

const COLORS: Record<string, string> = { completed: "bg-emerald-500", skipped: "bg-slate-400", failed: "bg-red-500", partial: "bg-amber-500", running: "bg-sky-500" };
const LANE_PX = 16;
/** Runs placed on a time axis over the period: position = start, width = duration, concurrent runs on their own lane. */
export function RunTimeline({ runs, days, nowIso }: { runs: RunListItem[]; days: number; nowIso: string }) {
  const end = new Date(nowIso).getTime();
  const start = end - days * 86_400_000;
  const { bars, lanes } = layoutTimeline(runs, start, end);
  return (
    <div aria-label="Run timeline" role="group">
      <div className="relative rounded-md bg-slate-100" style={{ height: `${lanes * LANE_PX + 12}px` }}>
        {bars.map(({ run, leftPct, widthPct, lane }) => {
          const label = `${run.jobType} ${run.status}, started ${formatDateTime(run.startedAt)}, ${formatDuration(run.durationMs)}`;
          return (
            <Link key={run.id} href={`/admin/runs/${run.id}`} title={label} aria-label={`Run ${run.id.slice(0, 8)}: ${label}`} data-run-bar={run.id}
              className={`absolute h-3 min-w-2 rounded-sm opacity-85 outline-offset-1 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600 ${COLORS[run.status] ?? "bg-slate-500"}`}
              style={{ left: `${leftPct}%`, width: `${widthPct}%`, top: `${6 + lane * LANE_PX}px` }} />
          );
        })}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-600">
        <span>{new Date(start).toISOString().slice(0, 10)}</span><span>now</span>
      </div>
    </div>
  );
}
