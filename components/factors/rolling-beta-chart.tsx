"use client";

import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLORS = ["#6366f1", "#f59e0b", "#10b981"];

export function RollingBetaChart({ history, factorNames }: { history: Record<string, string | number | null>[]; factorNames: string[] }) {
  const [selected, setSelected] = useState<string[]>(factorNames.slice(0, 1));
  const toggle = (name: string) => setSelected((s) => (s.includes(name) ? s.filter((x) => x !== name) : [...s, name].slice(-3)));
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
          <LineChart data={history} margin={{ left: 10, right: 20 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} />
            <YAxis tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip formatter={(v) => Number(v).toFixed(4)} />
            <Legend />
            <ReferenceLine y={0} stroke="#94a3b8" />
            {selected.map((name, i) => <Line key={name} type="monotone" dataKey={name} stroke={COLORS[i % COLORS.length]} dot={history.length < 3} isAnimationActive={false} connectNulls />)}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
