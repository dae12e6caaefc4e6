import type { RunListSummary } from "@/lib/schemas/run-dto";
import { Stat } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration, formatPctPoints } from "@/components/ui/format";

export function RunSummaryCards({ summary, lastStatus }: { summary: RunListSummary; lastStatus: string | null }) {
  const rate = summary.successRatePct;
  const tone = rate === null ? "default" : rate >= 90 ? "good" : rate >= 70 ? "warn" : "bad";
  return (
    <div className="mb-6 space-y-3">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Total runs" value={summary.totalRuns} testId="total-runs" />
        <Stat label="Success rate" value={rate === null ? <span className="text-base font-normal text-slate-500">no runs yet</span> : formatPctPoints(rate, 1)} tone={tone} testId="success-rate" />
        <Stat label="Avg duration" value={formatDuration(summary.avgDurationMs)} testId="avg-duration" />
        <Stat label="Last run status" value={lastStatus ? <StatusBadge status={lastStatus} /> : "—"} />
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Status breakdown">
        {(Object.entries(summary.breakdown) as [string, number][]).map(([status, count]) => (
          <span key={status} className="flex items-center gap-1"><StatusBadge status={status} /> <span className="tabular">{count}</span></span>
        ))}
      </div>
    </div>
  );
}
