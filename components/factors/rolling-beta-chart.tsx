"use client";

import Link from "next/link";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBeta } from "@/components/ui/format";
import { niceTicks } from "@/components/ui/nice-ticks";

const COLORS = ["#6366f1", "#f59e0b", "#10b981"];

export function RollingBetaChart({ history, factorNames }: { history: Record<string, string | number | null>[]; factorNames: string[] }) {
  const [selected, setSelected] = useState<string[]>(factorNames.slice(0, 1));
  const toggle = (name: string) => setSelected((s) => (s.includes(name) ? s.filter((x) => x !== name) : [...s, name].slice(-3)));
  if (history.length === 0) return <p className="text-sm text-slate-500" data-testid="rolling-beta-empty">No stored factor dates for this symbol yet — betas are computed by the nightly run (21:00 ET); backfill past dates from <Link href="/admin/actions" className="text-indigo-700 underline">Actions</Link> to see a history.</p>;
  const values = history.flatMap((point) => selected.map((name) => point[name])).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const ticks = values.length > 0 ? niceTicks(Math.min(...values), Math.max(...values)) : niceTicks(-1, 1);
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-1">
        {factorNames.map((name) => (
          <button key={name} type="button" onClick={() => toggle(name)} aria-pressed={selected.includes(name)}
            className={`rounded-full border px-2 py-0.5 text-xs ${selected.includes(name) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}>{name}</button>
        ))}
      </div>
      <div className="h-72 w-full" data-testid="rolling-beta-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={history} margin={{ top: 10, left: 10, right: 20 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} />
            <YAxis domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} interval={0} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatBeta(v)} />
            <Tooltip formatter={(v) => formatBeta(Number(v))} />
            <Legend />
            <ReferenceLine y={0} stroke="#94a3b8" />
            {selected.map((name, i) => <Line key={name} type="monotone" dataKey={name} stroke={COLORS[i % COLORS.length]} dot={history.length < 3} isAnimationActive={false} connectNulls />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
