import Link from "next/link";
import type { RunGrid as RunGridDto } from "@/lib/schemas/run-dto";

const CELL: Record<string, string> = {
  completed: "bg-emerald-200 text-emerald-900", partial: "bg-amber-200 text-amber-900", failed: "bg-red-300 text-red-900",
  blocked: "bg-orange-200 text-orange-900", skipped: "bg-slate-100 text-slate-600", running: "bg-sky-200 text-sky-900",
  pending: "bg-slate-200 text-slate-700", missing: "bg-white text-slate-500",
};
const SYMBOL: Record<string, string> = { completed: "✓", partial: "◐", failed: "✕", blocked: "⊘", skipped: "–", running: "…", pending: "·", missing: "" };
const MEANING: [string, string][] = [
  ["completed", "completed: work done, nothing failed"], ["partial", "partial: some items failed"], ["failed", "failed"],
  ["blocked", "blocked: waited on a failed symbol phase"], ["skipped", "skipped: nothing to do (already current, not a trading day)"],
  ["running", "running"], ["missing", "never run"],
];

export function RunGridLegend() {
  return (
    <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend" data-testid="grid-legend">
      {MEANING.map(([status, meaning]) => (
        <li key={status} className="flex items-center gap-1">
          <span className={`inline-flex h-5 w-6 items-center justify-center rounded border border-slate-300 ${CELL[status]}`} aria-hidden="true">{SYMBOL[status]}</span>{meaning}
        </li>
      ))}
    </ul>
  );
}

/** Latest attempt of every (date, phase), newest date first, from the first date anything ran for. */
export function RunGrid({ grid }: { grid: RunGridDto }) {
  if (grid.rows.length === 0) return <p className="text-slate-600" data-testid="grid-empty">No phase has run for a date in this window yet.</p>;
  return (
    <div>
      <RunGridLegend />
      {/* relative: the cells' screen-reader text is absolutely positioned and must be clipped by this box too */}
      <div className="relative overflow-x-auto">
        <table className="text-xs" aria-label="Date by phase grid">
          <thead><tr><th className="px-2 text-left">Date</th>{grid.phaseLabels.map((label) => <th key={label} className="whitespace-nowrap px-1">{label}</th>)}</tr></thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.date}>
                <td className="px-2 font-mono tabular">{row.date}</td>
                {row.cells.map((cell, i) => {
                  const title = `${row.date} ${grid.phaseLabels[i]}: ${cell.status === "missing" ? "never run" : cell.status}${cell.hint ? ` — ${cell.hint}` : ""}${cell.attempts > 1 ? ` (${cell.attempts} attempts)` : ""}`;
                  const body = (
                    <div className={`m-px flex h-6 min-w-24 items-center justify-center gap-1 rounded border border-slate-200 px-1 ${CELL[cell.status]}`}
                      title={title} data-cell={`${row.date}|${grid.phases[i]}`} data-status={cell.status}>
                      <span aria-hidden="true">{SYMBOL[cell.status]}</span>
                      <span className="sr-only">{cell.status === "missing" ? "never run" : cell.status}</span>
                      {cell.hint && <span className="truncate text-[10px]">{cell.hint}</span>}
                    </div>
                  );
                  return <td key={grid.phases[i]}>{cell.runId ? <Link href={`/admin/runs/${cell.runId}`} aria-label={title}>{body}</Link> : body}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
