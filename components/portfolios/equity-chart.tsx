"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function EquityChart({ points }: { points: { date: string; equity: number; cumulativePnl: number }[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-500">No complete snapshots yet.</p>;
  return (
    <div className="h-72 w-full" data-testid="equity-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ left: 20, right: 20 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="equity" tickFormatter={(v: number) => `${(v / 1000).toFixed(0)}k`} />
          <YAxis yAxisId="pnl" orientation="right" tickFormatter={(v: number) => `${(v / 1000).toFixed(0)}k`} />
          <Tooltip formatter={(v) => `$${Math.round(Number(v)).toLocaleString("en-US")}`} />
          <Legend />
          <Line yAxisId="equity" type="monotone" dataKey="equity" name="Equity" stroke="#6366f1" dot={false} isAnimationActive={false} />
          <Line yAxisId="pnl" type="monotone" dataKey="cumulativePnl" name="Cumulative P&L" stroke="#10b981" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
