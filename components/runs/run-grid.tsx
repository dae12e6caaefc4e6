import Link from "next/link";
import type { RunGrid as RunGridDto } from "@/lib/schemas/run-dto";
import { humanizeKey } from "@/components/ui/format";

const CELL: Record<string, string> = {
  completed: "bg-emerald-200 text-emerald-900", partial: "bg-amber-200 text-amber-900", failed: "bg-red-300 text-red-900",
  blocked: "bg-orange-200 text-orange-900", skipped: "bg-slate-100 text-slate-500", running: "bg-sky-200 text-sky-900",
  pending: "bg-slate-200 text-slate-700", missing: "bg-white text-slate-300",
};
const SYMBOL: Record<string, string> = { completed: "✓", partial: "◐", failed: "✕", blocked: "⊘", skipped: "–", running: "…", pending: "·", missing: "" };

export function RunGrid({ grid }: { grid: RunGridDto }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-xs" aria-label="Date by phase grid">
        <thead><tr><th className="px-2 text-left">Date</th>{grid.phases.map((p) => <th key={p} className="px-1 capitalize">{humanizeKey(p)}</th>)}</tr></thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.date}>
              <td className="px-2 font-mono tabular">{row.date}</td>
              {row.cells.map((cell, i) => {
                const title = `${row.date} ${grid.phases[i]}: ${cell.status}${cell.hint ? ` — ${cell.hint}` : ""}${cell.attempts > 1 ? ` (${cell.attempts} attempts)` : ""}`;
                const body = (
                  <div className={`m-px flex h-6 min-w-24 items-center justify-center gap-1 rounded border border-slate-200 px-1 ${CELL[cell.status]}`}
                    title={title} data-cell={`${row.date}|${grid.phases[i]}`} data-status={cell.status}>
                    <span>{SYMBOL[cell.status]}</span>
                    {cell.hint && <span className="truncate text-[10px]">{cell.hint}</span>}
                  </div>
                );
                return <td key={grid.phases[i]}>{cell.runId ? <Link href={`/admin/runs/${cell.runId}`}>{body}</Link> : body}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
