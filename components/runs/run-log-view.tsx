import { formatDateTime } from "@/components/ui/format";
import type { RunDetail } from "@/lib/schemas/run-dto";

export function RunLogView({ logs, runId }: { logs: RunDetail["logs"]; runId: string }) {
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-2">
        <a href={`/api/admin/runs/${runId}/logs?format=txt`} download className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">Download TXT</a>
        <a href={`/api/admin/runs/${runId}/logs?format=json`} download className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">Download JSON</a>
        <span className="self-center text-xs text-slate-500">{logs.length} entries</span>
      </div>
      <pre tabIndex={0} aria-label="Activity log lines" className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500">
        {logs.slice(-300).map((entry) => `${formatDateTime(entry.at)} [${entry.level.toUpperCase()}] ${entry.phaseLabel} ${entry.calcDate}: ${entry.message}`).join("\n") || "No log lines."}
      </pre>
    </div>
  );
}
