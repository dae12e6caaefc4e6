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
  const isValue = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  // A factor without a single value (Provider Beta of an ETF) gets a note, not a legend entry without a line.
  const drawn = selected.filter((name) => history.some((point) => isValue(point[name])));
  const empty = selected.filter((name) => !drawn.includes(name));
  const values = history.flatMap((point) => drawn.map((name) => point[name])).filter(isValue);
  const ticks = values.length > 0 ? niceTicks(Math.min(...values), Math.max(...values)) : niceTicks(-1, 1);
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-1">
        {factorNames.map((name) => (
          <button key={name} type="button" onClick={() => toggle(name)} aria-pressed={selected.includes(name)}
            className={`rounded-full border px-2 py-0.5 text-xs ${selected.includes(name) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}>{name}</button>
        ))}
      </div>
      {empty.length > 0 && (
        <p className="mb-2 text-sm text-slate-600" data-testid="rolling-beta-no-data">
          {empty.join(", ")}: no data for this symbol on any stored date{drawn.length === 0 ? "; choose another factor above" : ""}.
        </p>
      )}
      <div className="h-72 w-full" data-testid="rolling-beta-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={history} margin={{ top: 10, left: 10, right: 20 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} />
            <YAxis domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} interval={0} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatBeta(v)} width={64}
              label={{ value: "Beta", angle: -90, position: "insideLeft", style: { fontSize: 12, textAnchor: "middle", fill: "#475569" } }} />
            <Tooltip formatter={(v) => formatBeta(Number(v))} />
            {drawn.length > 0 && <Legend />}
            <ReferenceLine y={0} stroke="#94a3b8" />
            {drawn.map((name) => <Line key={name} type="linear" dataKey={name} stroke={COLORS[selected.indexOf(name) % COLORS.length]} dot={history.length < 3} isAnimationActive={false} connectNulls />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
