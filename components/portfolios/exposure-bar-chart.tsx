"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ExposureRow { factor: string; beta: number | null; dollar: number | null }

export function ExposureBarChart({ rows, mode = "beta" }: { rows: ExposureRow[]; mode?: "beta" | "dollar" }) {
  const data = rows.map((row) => ({ factor: row.factor, value: mode === "beta" ? row.beta ?? 0 : row.dollar ?? 0 }));
  return (
    <div className="h-80 w-full" data-testid={`exposure-chart-${mode}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 40, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => (mode === "beta" ? v.toFixed(2) : `${(v / 1000).toFixed(0)}k`)} />
          <YAxis type="category" dataKey="factor" width={140} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => (mode === "beta" ? Number(v).toFixed(4) : `$${Math.round(Number(v)).toLocaleString("en-US")}`)} />
          <ReferenceLine x={0} stroke="#64748b" />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => <Cell key={d.factor} fill={d.value < 0 ? "#ef4444" : "#6366f1"} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
