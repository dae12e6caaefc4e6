"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FactorImpactDto } from "@/lib/schemas/stress-dto";
import { formatUsd, usdAxisFormatter } from "@/components/ui/format";
import { niceTicks } from "@/components/ui/nice-ticks";

/** Tooltip value: a floating bar [start, end] shows its step (end − start). */
const usd = (v: unknown) => formatUsd(Array.isArray(v) ? Number(v[1]) - Number(v[0]) : Number(v));

/** Waterfall of correlated contributions (floating bars) ending in the total; then direct vs correlated per factor. */
export function ContributionWaterfall({ impacts, total, directTotal }: { impacts: FactorImpactDto[]; total: number; directTotal: number }) {
  let running = 0;
  const steps = impacts.filter((i) => i.correlatedPnl !== 0 || i.directPnl !== 0).map((impact) => {
    const start = running;
    running += impact.correlatedPnl;
    return { name: impact.factor, range: [start, running] as [number, number], value: impact.correlatedPnl };
  });
  const data = [...steps, { name: "Total", range: [0, total] as [number, number], value: total }];
  const sum = steps.reduce((acc, step) => acc + step.value, 0);
  if (impacts.length === 0) return <p className="text-sm text-slate-500" data-testid="waterfall-empty">No factor contributions stored for this portfolio and scenario — it had no factor exposure on this date. Pick another scenario or portfolio above.</p>;
  const waterfallTicks = niceTicks(Math.min(0, ...data.flatMap((d) => d.range)), Math.max(0, ...data.flatMap((d) => d.range)));
  const pairTicks = niceTicks(Math.min(0, ...impacts.flatMap((i) => [i.directPnl, i.correlatedPnl])), Math.max(0, ...impacts.flatMap((i) => [i.directPnl, i.correlatedPnl])));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div>
        <div className="h-72" data-testid="waterfall-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} angle={-30} textAnchor="end" height={60} />
              <YAxis domain={[waterfallTicks[0], waterfallTicks[waterfallTicks.length - 1]]} ticks={waterfallTicks} interval={0} width={64} tick={{ fontSize: 11 }} tickFormatter={usdAxisFormatter(waterfallTicks)} /><Tooltip formatter={usd} /><ReferenceLine y={0} stroke="#64748b" />
              <Bar dataKey="range" isAnimationActive={false}>
                {data.map((d) => <Cell key={d.name} fill={d.name === "Total" ? "#334155" : d.value < 0 ? "#ef4444" : "#10b981"} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="text-xs text-slate-500" data-testid="waterfall-sum">Contributions sum to {formatUsd(sum)}; stored total {formatUsd(total)}.</p>
      </div>
      <div>
        <div className="h-72" data-testid="direct-vs-correlated">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={impacts} margin={{ top: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="factor" tick={{ fontSize: 10 }} interval={0} angle={-30} textAnchor="end" height={60} />
              <YAxis domain={[pairTicks[0], pairTicks[pairTicks.length - 1]]} ticks={pairTicks} interval={0} width={64} tick={{ fontSize: 11 }} tickFormatter={usdAxisFormatter(pairTicks)} /><Tooltip formatter={usd} /><Legend /><ReferenceLine y={0} stroke="#64748b" />
              <Bar dataKey="directPnl" name="Direct" fill="#94a3b8" isAnimationActive={false} />
              <Bar dataKey="correlatedPnl" name="Correlated" fill="#6366f1" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="text-xs text-slate-500">Direct total {formatUsd(directTotal)} · correlated total {formatUsd(total)}</p>
      </div>
    </div>
  );
}
