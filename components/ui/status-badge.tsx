const STYLES: Record<string, string> = {
  completed: "bg-emerald-100 text-emerald-800",
  running: "bg-sky-100 text-sky-800",
  pending: "bg-slate-100 text-slate-700",
  failed: "bg-red-100 text-red-800",
  partial: "bg-amber-100 text-amber-800",
  skipped: "bg-slate-100 text-slate-700",
  blocked: "bg-orange-100 text-orange-800",
  missing: "bg-white text-slate-600 border border-dashed border-slate-300",
  ok: "bg-emerald-100 text-emerald-800",
  warning: "bg-amber-100 text-amber-800",
  critical: "bg-red-100 text-red-800",
  queued: "bg-sky-100 text-sky-800",
  processing: "bg-sky-100 text-sky-800",
  "no data": "bg-white text-slate-600 border border-slate-300",
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span data-status={status} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? "bg-slate-100 text-slate-700"}`}>
      {label ?? status}
    </span>
  );
}
