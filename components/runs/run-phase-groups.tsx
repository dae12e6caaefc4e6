import type { PhaseRunDto } from "@/lib/schemas/run-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/components/ui/format";
import { PhaseWaterfall } from "./phase-waterfall";

/** Worst first: the date's badge says the most important thing that happened to any of its phases. */
const SEVERITY = ["failed", "blocked", "running", "partial", "pending", "completed", "skipped"];

function dateStatus(phases: PhaseRunDto[]): string {
  return SEVERITY.find((status) => phases.some((phase) => phase.status === status)) ?? "pending";
}

/**
 * A run's phases grouped by calculation date, each date a collapsible row with its outcome and counts, so a 30-day
 * backfill is 30 rows rather than 210. Dates that need attention (failed, blocked, partial, running) start open,
 * and so does every date of a short run.
 */
export function RunPhaseGroups({ phases, nowIso }: { phases: PhaseRunDto[]; nowIso: string }) {
  if (phases.length === 0) return <p className="text-slate-500">No phases recorded yet.</p>;
  const byDate = new Map<string, PhaseRunDto[]>();
  for (const phase of phases) byDate.set(phase.calcDate, [...(byDate.get(phase.calcDate) ?? []), phase]);
  const dates = [...byDate.keys()].sort();
  return (
    <div className="divide-y divide-slate-100" data-testid="phase-groups">
      {dates.map((date) => {
        const list = byDate.get(date)!;
        const status = dateStatus(list);
        const sum = (pick: (phase: PhaseRunDto) => number) => list.reduce((total, phase) => total + pick(phase), 0);
        const durationMs = list.some((phase) => phase.durationMs !== null) ? sum((phase) => phase.durationMs ?? 0) : null;
        const open = dates.length <= 3 || ["failed", "blocked", "partial", "running"].includes(status);
        return (
          <details key={date} open={open} className="group py-1" data-date={date}>
            <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 rounded px-1 py-1.5 hover:bg-slate-50">
              <span className="font-mono tabular">{date}</span>
              <StatusBadge status={status} />
              <span className="text-sm text-slate-600 tabular">
                {list.length} phases · {sum((p) => p.itemsDone)} done · {sum((p) => p.itemsFailed)} failed · {sum((p) => p.itemsSkipped)} skipped · {formatDuration(durationMs)}
              </span>
            </summary>
            <div className="pb-2 pl-1 pt-1"><PhaseWaterfall phases={list} nowIso={nowIso} /></div>
          </details>
        );
      })}
    </div>
  );
}
