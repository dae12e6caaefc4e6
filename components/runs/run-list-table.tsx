import Link from "next/link";
import type { RunListItem } from "@/lib/schemas/run-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration } from "@/components/ui/format";

function dateRange(dates: string[]): string {
  if (dates.length === 0) return "—";
  const sorted = [...dates].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} → ${sorted[sorted.length - 1]} (${sorted.length})`;
}

export function RunListTable({ runs }: { runs: RunListItem[] }) {
  if (runs.length === 0) {
    return <p className="text-slate-500" data-testid="runs-empty">No runs in this period — the nightly runs at 21:00 ET, or start one from <Link href="/admin/actions" className="text-indigo-700 underline">Actions</Link> (rerun a phase or backfill dates). Widen the period or clear the status filter to see older runs.</p>;
  }
  return (
    <div className="overflow-x-auto">
    <table className="w-full min-w-[52rem] text-sm [&_td]:px-2 [&_th]:whitespace-nowrap [&_th]:px-2" aria-label="Runs">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr><th className="py-2">Status</th><th>Job</th><th>Run</th><th>Started</th><th>Dates</th><th className="text-right">Items</th><th className="text-right">Duration</th><th>Trigger</th></tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100 hover:bg-slate-50" data-run-id={run.id}>
            <td className="py-2"><StatusBadge status={run.status} /></td>
            <td>{run.jobType}</td>
            <td><Link href={`/admin/runs/${run.id}`} className="font-mono text-indigo-700 hover:underline">{run.id.slice(0, 8)}</Link>
              {run.errorCount > 0 && <div className="text-xs text-red-700">Has errors ({run.errorCount})</div>}</td>
            <td className="whitespace-nowrap tabular">{formatDateTime(run.startedAt)}</td>
            <td className="tabular">{dateRange(run.calcDates)}</td>
            <td className="text-right tabular" data-value="items" title={`${run.completedItems} done, ${run.failedItems} failed, ${run.skippedItems} skipped${run.notReachedItems > 0 ? `, ${run.notReachedItems} not reached` : ""} of ${run.totalItems}`}>
              {run.completedItems}/{run.totalItems}{run.failedItems > 0 && <span className="text-red-700"> ({run.failedItems} failed)</span>}
              {run.skippedItems > 0 && <div className="text-xs text-slate-500">{run.skippedItems} skipped</div>}
              {run.status === "running" && run.totalItems > 0 && (
                <div className="ml-auto mt-0.5 h-1 w-24 rounded bg-slate-200" role="progressbar" aria-label={`Run ${run.id.slice(0, 8)} progress`} aria-valuenow={Math.round((100 * run.completedItems) / run.totalItems)} aria-valuemin={0} aria-valuemax={100}>
                  <div className="h-1 rounded bg-sky-500 transition-all" style={{ width: `${Math.min(100, (100 * run.completedItems) / run.totalItems)}%` }} />
                </div>
              )}</td>
            <td className="text-right tabular">{formatDuration(run.durationMs)}</td>
            <td>{run.triggeredBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
