"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StressDecompositionDto } from "@/lib/schemas/stress-dto";
import { STRESS_FIGURE_NAMES } from "@/lib/risk/stress-factors";
import { formatUsd, usdAxisFormatter } from "@/components/ui/format";
import { niceTicks } from "@/components/ui/nice-ticks";

/** Tooltip value: a floating bar [start, end] shows its step (end − start). */
const usd = (v: unknown) => formatUsd(Array.isArray(v) ? Number(v[1]) - Number(v[0]) : Number(v));

/** Waterfall of correlated contributions (floating bars) ending in the total; then direct vs correlated per factor. */
export function ContributionWaterfall({ decomposition }: { decomposition: StressDecompositionDto }) {
  const { factors, correlatedPnl: total, directPnl: directTotal } = decomposition;
  if (factors.length === 0) return <p className="text-sm text-slate-500" data-testid="waterfall-empty">No factor contributions stored for this portfolio and scenario — it had no factor exposure on this date. Pick another scenario or portfolio above.</p>;
  const shown = factors.filter((f) => f.correlatedPnl !== 0 || f.directPnl !== 0);
  const ends = shown.reduce<number[]>((acc, f) => [...acc, (acc.at(-1) ?? 0) + f.correlatedPnl], []);
  const steps = shown.map((f, i) => ({ name: f.correlatedLabel, range: [i === 0 ? 0 : ends[i - 1], ends[i]] as [number, number], value: f.correlatedPnl }));
  const data = [...steps, { name: "Total", range: [0, total] as [number, number], value: total }];
  const sum = steps.reduce((acc, step) => acc + step.value, 0);
  const pairs = factors.map((f) => ({ name: f.correlatedLabel, direct: f.directPnl, correlated: f.correlatedPnl }));
  const waterfallTicks = niceTicks(Math.min(0, ...data.flatMap((d) => d.range)), Math.max(0, ...data.flatMap((d) => d.range)));
  const pairTicks = niceTicks(Math.min(0, ...pairs.flatMap((p) => [p.direct, p.correlated])), Math.max(0, ...pairs.flatMap((p) => [p.direct, p.correlated])));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div>
        <h3 className="mb-1 text-xs font-medium text-slate-500">{STRESS_FIGURE_NAMES.correlated.title}, factor by factor</h3>
        <div className="h-72" data-testid="waterfall-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} angle={-30} textAnchor="end" height={70} />
              <YAxis domain={[waterfallTicks[0], waterfallTicks[waterfallTicks.length - 1]]} ticks={waterfallTicks} interval={0} width={64} tick={{ fontSize: 11 }} tickFormatter={usdAxisFormatter(waterfallTicks)} /><Tooltip formatter={usd} /><ReferenceLine y={0} stroke="#64748b" />
              <Bar dataKey="range" name="Contribution" isAnimationActive={false}>
                {data.map((d) => <Cell key={d.name} fill={d.name === "Total" ? "#334155" : d.value < 0 ? "#ef4444" : "#10b981"} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ul className="sr-only" data-testid="waterfall-steps">
          {steps.map((step) => <li key={step.name} data-label={step.name} data-value={step.value}>{step.name}: {formatUsd(step.value)}</li>)}
        </ul>
        <p className="text-xs text-slate-500" data-testid="waterfall-sum">Contributions sum to {formatUsd(sum)}; stored total {formatUsd(total)}.</p>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-medium text-slate-500">{STRESS_FIGURE_NAMES.direct.title} vs {STRESS_FIGURE_NAMES.correlated.title}</h3>
        <div className="h-72" data-testid="direct-vs-correlated">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={pairs} margin={{ top: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} angle={-30} textAnchor="end" height={70} />
              <YAxis domain={[pairTicks[0], pairTicks[pairTicks.length - 1]]} ticks={pairTicks} interval={0} width={64} tick={{ fontSize: 11 }} tickFormatter={usdAxisFormatter(pairTicks)} /><Tooltip formatter={usd} /><Legend /><ReferenceLine y={0} stroke="#64748b" />
              <Bar dataKey="direct" name="Direct" fill="#94a3b8" isAnimationActive={false} />
              <Bar dataKey="correlated" name="Correlated" fill="#6366f1" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="text-xs text-slate-500">Direct total {formatUsd(directTotal)} · correlated total {formatUsd(total)}. The direct Market bar uses the 90-day market beta.</p>
      </div>
    </div>
  );
}
