"use client";

import { useQuery } from "@tanstack/react-query";
import type { RunDetail } from "@/lib/schemas/run-dto";
import { Card, Stat } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration } from "@/components/ui/format";
import { ErrorGroups } from "./error-groups";
import { RunPhaseGroups } from "./run-phase-groups";
import { RunLogView } from "./run-log-view";

async function fetchRun(id: string): Promise<RunDetail> {
  const response = await fetch(`/api/admin/runs/${id}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`Loading the run failed (${response.status}).`);
  return (await response.json()) as RunDetail;
}

/** The run detail; polls /api/admin/runs/[id] every 2 s while the run is running. */
export function RunDetailLive({ initial }: { initial: RunDetail }) {
  const { data: run } = useQuery({
    queryKey: ["admin-run", initial.id],
    queryFn: () => fetchRun(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 2000 : false),
  });
  const running = run.status === "running";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Run <span className="font-mono">{run.id.slice(0, 8)}</span></h1>
        <StatusBadge status={run.status} />
        <span className="text-slate-600">{run.jobType} · triggered by {run.triggeredBy}</span>
      </div>
      {running && (
        <div role="progressbar" aria-label="Run progress" aria-valuenow={run.progress.pct} aria-valuemin={0} aria-valuemax={100}>
          <div className="mb-1 text-sm text-sky-800" data-testid="run-progress">Running — {run.progress.stepsDone}/{run.progress.stepsTotal} steps ({run.progress.pct}%), heartbeat {formatDateTime(run.heartbeatAt)}</div>
          <div className="h-2 rounded bg-slate-200"><div className="h-2 rounded bg-sky-500 transition-all" style={{ width: `${run.progress.pct}%` }} /></div>
        </div>
      )}
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Started" value={<span className="text-base">{formatDateTime(run.startedAt)}</span>} />
        <Stat label="Duration" value={formatDuration(run.durationMs)} testId="run-duration" />
        <Stat label="Items" value={<ItemCounts run={run} />} testId="run-items" />
        <Stat label="Dates" value={<span className="text-base">{run.calcDates.length === 0 ? "—" : `${[...run.calcDates].sort()[0]} → ${[...run.calcDates].sort().at(-1)}`}</span>} />
      </div>
      {run.waitingFor && <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="run-waiting">{run.waitingFor}</div>}
      {run.failureReason && <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{run.failureReason}</div>}
      <nav aria-label="On this page" className="flex flex-wrap gap-3 text-sm">
        <a href="#phases" className="text-indigo-700 underline">Phases by date ({new Set(run.phases.map((phase) => phase.calcDate)).size})</a>
        <a href="#errors" className="text-indigo-700 underline">Errors ({run.errorSummary?.count ?? 0})</a>
        <a href="#logs" className="text-indigo-700 underline">Activity logs ({run.logs.length})</a>
      </nav>
      <Card title="Phases by date" id="phases"><RunPhaseGroups phases={run.phases} nowIso={new Date().toISOString()} /></Card>
      <Card title={`Errors${run.errorSummary ? ` (${run.errorSummary.count})` : ""}`} id="errors"><ErrorGroups phases={run.phases} /></Card>
      <Card title="Activity logs" id="logs"><RunLogView logs={run.logs} runId={run.id} /></Card>
    </div>
  );
}

/** Done, failed and skipped add up to the total (plus what no phase reached yet), so the counts explain themselves. */
function ItemCounts({ run }: { run: RunDetail }) {
  return (
    <span className="block text-base">
      <span className="tabular">{run.completedItems}</span> done · <span className={`tabular ${run.failedItems > 0 ? "text-red-700" : ""}`}>{run.failedItems}</span> failed
      {" · "}<span className="tabular">{run.skippedItems}</span> skipped{run.notReachedItems > 0 && <> · <span className="tabular">{run.notReachedItems}</span> not reached</>}
      <span className="block text-xs font-normal text-slate-500">of <span className="tabular">{run.totalItems}</span> items</span>
    </span>
  );
}
