"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { RunList, RunListItem } from "@/lib/schemas/run-dto";
import { formatTimeOfDay } from "@/components/ui/format";

const RUNNING_MS = 3000;
const IDLE_MS = 10_000;

const signature = (runs: RunListItem[], total: number) =>
  [total, ...runs.map((run) => `${run.id}:${run.status}:${run.completedItems}:${run.failedItems}`)].join("|");

/**
 * Keeps the server-rendered runs page current: polls the runs API every 3 s while a listed run is running (every 10 s
 * otherwise, so a run started elsewhere appears) and refreshes the page when a run starts, progresses or finishes.
 */
export function RunsAutoRefresh({ query, runs, total }: { query: Record<string, string | undefined>; runs: RunListItem[]; total: number }) {
  const router = useRouter();
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  const running = runs.some((run) => run.status === "running");
  const current = signature(runs, total);
  const { data, dataUpdatedAt } = useQuery({
    queryKey: ["admin-runs", search],
    queryFn: async (): Promise<RunList> => {
      const response = await fetch(`/api/admin/runs?${search}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Refreshing runs failed (${response.status})`);
      return (await response.json()) as RunList;
    },
    refetchInterval: (q) => ((q.state.data?.runs ?? runs).some((run) => run.status === "running") ? RUNNING_MS : IDLE_MS),
  });
  useEffect(() => {
    if (data && signature(data.runs, data.summary.totalRuns) !== current) router.refresh();
  }, [data, current, router]);
  return (
    <span className="flex items-center gap-1.5 text-xs font-normal normal-case tracking-normal text-slate-500" data-testid="runs-live" data-running={running}>
      <span className={`h-2 w-2 rounded-full ${running ? "animate-pulse bg-sky-500" : "bg-slate-300"}`} aria-hidden />
      {running ? "Live — updating every 3 s while a run is in progress" : "Auto-refresh every 10 s"}
      {dataUpdatedAt > 0 && <span className="tabular">· checked {formatTimeOfDay(new Date(dataUpdatedAt))} ET</span>}
    </span>
  );
}
