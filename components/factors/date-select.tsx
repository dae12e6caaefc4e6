"use client";

import { usePathname, useRouter } from "next/navigation";

export function DateSelect({ dates, value, label = "Date" }: { dates: string[]; value: string | null; label?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="text-sm"><span className="mr-2 text-slate-600">{label}</span>
      <select aria-label={label} value={value ?? ""} onChange={(e) => router.push(`${pathname}?date=${e.target.value}`)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        {dates.map((d) => <option key={d} value={d}>{d}</option>)}
      </select>
    </label>
  );
}
