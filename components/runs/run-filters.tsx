"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

const STATUSES = ["", "completed", "skipped", "failed", "partial", "running"];
const PERIODS = [7, 14, 30, 60, 90];

export function RunFilters({ status, days }: { status: string; days: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  function update(key: string, value: string) {
    const next = new URLSearchParams(search.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    router.push(`${pathname}?${next.toString()}`);
  }
  return (
    <div className="flex flex-wrap gap-3">
      <label className="text-sm">
        <span className="mr-2 text-slate-600">Status</span>
        <select aria-label="Status filter" value={status} onChange={(e) => update("status", e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {STATUSES.map((s) => <option key={s} value={s}>{s === "" ? "All" : s[0].toUpperCase() + s.slice(1)}</option>)}
        </select>
      </label>
      <label className="text-sm">
        <span className="mr-2 text-slate-600">Period</span>
        <select aria-label="Period filter" value={String(days)} onChange={(e) => update("days", e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {PERIODS.map((d) => <option key={d} value={d}>{d} days</option>)}
        </select>
      </label>
    </div>
  );
}
