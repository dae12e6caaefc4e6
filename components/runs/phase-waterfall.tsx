import type { PhaseRunDto } from "@/lib/schemas/run-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/components/ui/format";

const BAR: Record<string, string> = {
  completed: "bg-emerald-500", partial: "bg-amber-500", failed: "bg-red-500", blocked: "bg-orange-400",
  skipped: "bg-slate-300", running: "bg-sky-500 animate-pulse", pending: "bg-slate-200",
};

/** The phases of one date as bars: offset = start − the date's first start, width = duration, one shared axis. */
export function PhaseWaterfall({ phases, nowIso }: { phases: PhaseRunDto[]; nowIso: string }) {
  if (phases.length === 0) return <p className="text-slate-500">No phases recorded yet.</p>;
  const starts = phases.filter((p) => p.startedAt).map((p) => new Date(p.startedAt!).getTime());
  const origin = starts.length > 0 ? Math.min(...starts) : 0;
  const ends = phases.map((p) => (p.completedAt ? new Date(p.completedAt).getTime() : p.startedAt ? new Date(nowIso).getTime() : origin));
  const span = Math.max(1, ...ends.map((end) => end - origin));
  return (
    <div className="overflow-x-auto" tabIndex={0}>
      <table className="w-full min-w-[40rem] text-sm [&_td]:px-2 [&_th]:px-2" aria-label={`Phases of ${phases[0].calcDate}`}>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr><th className="py-1">Phase</th><th>Status</th><th className="w-2/5">Timeline</th><th className="text-right">Duration</th><th className="text-right">Done</th><th className="text-right">Failed</th><th className="text-right">Skipped</th></tr>
        </thead>
        <tbody>
          {phases.map((phase, i) => {
            const start = phase.startedAt ? new Date(phase.startedAt).getTime() - origin : 0;
            const width = phase.startedAt ? Math.max(0.6, ((ends[i] - origin - start) / span) * 100) : 0;
            return (
              <tr key={phase.id} className="border-t border-slate-100" data-phase={`${phase.calcDate}|${phase.phaseKey}`}>
                <td className="py-1 whitespace-nowrap">{phase.phaseLabel}</td>
                <td><StatusBadge status={phase.status} /></td>
                <td><div className="relative h-3 rounded bg-slate-100">
                  <div className={`absolute h-3 rounded ${BAR[phase.status] ?? "bg-slate-400"}`} style={{ left: `${(start / span) * 100}%`, width: `${width}%` }}
                    title={`start +${formatDuration(start)} · ${formatDuration(phase.durationMs)}`} />
                </div></td>
                <td className="text-right tabular">{formatDuration(phase.durationMs)}</td>
                <td className="text-right tabular">{phase.itemsDone}/{phase.itemsTotal}</td>
                <td className={`text-right tabular ${phase.itemsFailed > 0 ? "text-red-700" : ""}`}>{phase.itemsFailed}</td>
                <td className="text-right tabular">{phase.itemsSkipped}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
