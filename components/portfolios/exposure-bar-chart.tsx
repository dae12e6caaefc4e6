"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ExposureDto } from "@/lib/schemas/portfolio-dto";
import { formatBeta, formatUsd, usdAxisFormatter } from "@/components/ui/format";
import { niceTicks } from "@/components/ui/nice-ticks";

/** One colour per sign in both charts, so a factor's beta and dollar bars read alike (the equity chart's P&L too). */
export const SIGN_COLORS = { up: "#059669", down: "#dc2626" } as const;

/** The 13 factor exposures as horizontal bars; factors without a value are labelled "n/a" instead of drawn as 0. */
export function ExposureBarChart({ rows, mode = "beta" }: { rows: ExposureDto[]; mode?: "beta" | "dollar" }) {
  const data = rows.map((row) => {
    const raw = mode === "beta" ? row.beta : row.dollar;
    return { factor: row.factor, value: raw ?? 0, missing: raw === null };
  });
  const values = data.map((d) => d.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const format = mode === "beta" ? formatBeta : usdAxisFormatter(ticks);
  const colors = SIGN_COLORS;
  const missing = new Set(data.filter((d) => d.missing).map((d) => d.factor));
  return (
    <div className="h-80 w-full" data-testid={`exposure-chart-${mode}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} interval={0} tickFormatter={(v: number) => format(v)} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="factor" width={170} tick={{ fontSize: 11 }} interval={0}
            tickFormatter={(name: string) => (missing.has(name) ? `${name} (n/a)` : name)} />
          <Tooltip
            formatter={(v, _name, item) => [(item.payload as { missing: boolean }).missing ? "not computed" : mode === "beta" ? formatBeta(Number(v)) : formatUsd(Number(v)), mode === "beta" ? "Beta" : "Dollar exposure"]}
          />
          <ReferenceLine x={0} stroke="#64748b" />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => <Cell key={d.factor} fill={d.value < 0 ? colors.down : colors.up} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
