import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { getRunDetail, type RunDetail } from "./get-run-detail";

export interface RunLogExport {
  filename: string;
  contentType: string;
  body: string;
}

/** R35 logs download: a header then `timestamp [LEVEL] phase date: message` lines, or a JSON document. */
export function formatRunLogs(run: RunDetail, format: "txt" | "json"): RunLogExport {
  if (format === "json") {
    const body = {
      runId: run.id, jobType: run.jobType, status: run.status, startedAt: run.startedAt, completedAt: run.completedAt,
      triggeredBy: run.triggeredBy, totalItems: run.totalItems, completedItems: run.completedItems,
      failedItems: run.failedItems, logEntryCount: run.logs.length, activityLog: run.logs,
    };
    return { filename: `${run.id}_log.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify(body, null, 2) };
  }
  const header = [
    `Run: ${run.id} (${run.jobType})`,
    `Status: ${run.status}`,
    `Started: ${run.startedAt}`,
    `Completed: ${run.completedAt ?? "-"}`,
    `Triggered by: ${run.triggeredBy}`,
    `Items: ${run.completedItems} done / ${run.failedItems} failed / ${run.totalItems} total`,
    `Log entries: ${run.logs.length}`,
    "",
  ];
  const lines = run.logs.map((entry) => `${entry.at} [${entry.level.toUpperCase()}] ${entry.phaseKey} ${entry.calcDate}: ${entry.message}`);
  return { filename: `${run.id}_log.txt`, contentType: "text/plain; charset=utf-8", body: [...header, ...lines].join("\n") + "\n" };
}

export async function getRunLogs(viewer: Viewer, runId: string, format: "txt" | "json"): Promise<RunLogExport> {
  return formatRunLogs(await getRunDetail(viewer, runId), format);
}
