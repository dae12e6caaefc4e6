import Link from "next/link";
import type { RunListItem } from "@/lib/schemas/run-dto";

const COLORS: Record<string, string> = { completed: "bg-emerald-500", failed: "bg-red-500", partial: "bg-amber-500", running: "bg-sky-500" };

/** Runs placed on a time axis over the period: position = start, width = duration (min 4 px). */
export function RunTimeline({ runs, days, nowIso }: { runs: RunListItem[]; days: number; nowIso: string }) {
  const end = new Date(nowIso).getTime();
  const start = end - days * 86_400_000;
  const span = end - start;
  return (
    <div aria-label="Run timeline">
      <div className="relative h-10 rounded-md bg-slate-100">
        {runs.map((run) => {
          const from = new Date(run.startedAt).getTime();
          const to = run.completedAt ? new Date(run.completedAt).getTime() : end;
          const left = Math.max(0, ((from - start) / span) * 100);
          const width = Math.max(0.3, ((to - from) / span) * 100);
          return (
            <Link key={run.id} href={`/admin/runs/${run.id}`} title={`${run.jobType} ${run.status} ${run.startedAt}`}
              className={`absolute top-2 h-6 min-w-1 rounded-sm opacity-80 hover:opacity-100 ${COLORS[run.status] ?? "bg-slate-500"}`}
              style={{ left: `${left}%`, width: `${width}%` }} />
          );
        })}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        <span>{new Date(start).toISOString().slice(0, 10)}</span><span>now</span>
      </div>
    </div>
  );
}
