import Link from "next/link";
import type { RunListItem } from "@/lib/queries/run-types";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration } from "@/components/ui/format";

function dateRange(dates: string[]): string {
  if (dates.length === 0) return "—";
  const sorted = [...dates].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} → ${sorted[sorted.length - 1]} (${sorted.length})`;
}

export function RunListTable({ runs }: { runs: RunListItem[] }) {
  if (runs.length === 0) return <p className="text-slate-500">No runs in this period.</p>;
  return (
    <table className="w-full text-sm" aria-label="Runs">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr><th className="py-2">Status</th><th>Job</th><th>Run</th><th>Started</th><th>Dates</th><th className="text-right">Items</th><th className="text-right">Duration</th><th>Trigger</th></tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100 hover:bg-slate-50" data-run-id={run.id}>
            <td className="py-2"><StatusBadge status={run.status} /></td>
            <td>{run.jobType}</td>
            <td><Link href={`/admin/runs/${run.id}`} className="font-mono text-indigo-700 hover:underline">{run.id.slice(0, 8)}</Link>
              {run.errorCount > 0 && <div className="text-xs text-red-600">Has errors ({run.errorCount})</div>}</td>
            <td className="tabular">{formatDateTime(run.startedAt)}</td>
            <td className="tabular">{dateRange(run.calcDates)}</td>
            <td className="text-right tabular">{run.completedItems}/{run.totalItems}{run.failedItems > 0 && <span className="text-red-600"> ({run.failedItems} failed)</span>}</td>
            <td className="text-right tabular">{formatDuration(run.durationMs)}</td>
            <td>{run.triggeredBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
