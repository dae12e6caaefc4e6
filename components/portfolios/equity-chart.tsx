"use client";

import { Bar, CartesianGrid, Cell, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SnapshotDto } from "@/lib/schemas/portfolio-dto";
import { formatUsd, usdAxisFormatter } from "@/components/ui/format";
import { niceTicks } from "@/components/ui/nice-ticks";
import { SIGN_COLORS } from "./exposure-bar-chart";

const EQUITY = "#4f46e5";
const GAIN = SIGN_COLORS.up;
const LOSS = SIGN_COLORS.down;

type Point = Pick<SnapshotDto, "date" | "equity" | "dailyPnl" | "cumulativePnl">;

function ChartTooltip({ active, payload, label }: { active?: boolean; payload?: { payload: Point }[]; label?: string | number }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const tone = (v: number) => (v < 0 ? "text-red-700" : "text-emerald-700");
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2 text-xs shadow-md">
      <div className="mb-1 font-medium">{String(label)}</div>
      <div className="tabular" style={{ color: EQUITY }}>Equity {formatUsd(point.equity)}</div>
      <div className={`tabular ${tone(point.dailyPnl)}`}>Daily P&amp;L {formatUsd(point.dailyPnl)}</div>
      <div className={`tabular ${tone(point.cumulativePnl)}`}>Cumulative P&amp;L {formatUsd(point.cumulativePnl)}</div>
    </div>
  );
}

/**
 * Equity (line, left axis) and daily P&L (bars, right axis, centred on zero) per completed snapshot. Straight
 * segments between days: a smoothed curve would show values between closes that never existed.
 */
export function EquityChart({ points }: { points: Point[] }) {
  if (points.length === 0) return <p className="text-sm text-slate-500">No completed snapshots yet — equity and P&amp;L appear after the first nightly run (21:00 ET) that values this portfolio.</p>;
  const equityTicks = niceTicks(Math.min(...points.map((p) => p.equity)), Math.max(...points.map((p) => p.equity)));
  const pnlLimit = Math.max(1, ...points.map((p) => Math.abs(p.dailyPnl)));
  const pnlTicks = niceTicks(-pnlLimit, pnlLimit);
  const equityTick = usdAxisFormatter(equityTicks);
  const pnlTick = usdAxisFormatter(pnlTicks);
  const last = points[points.length - 1];
  return (
    <div data-testid="equity-chart">
      <div className="mb-2 flex flex-wrap items-center gap-x-5 gap-y-1 text-sm text-slate-600">
        <span className="flex items-center gap-1.5"><span className="h-0.5 w-4" style={{ background: EQUITY }} />Equity (left axis)</span>
        <span className="flex items-center gap-1.5"><span className="h-3 w-1.5 opacity-60" style={{ background: GAIN }} /><span className="h-3 w-1.5 opacity-60" style={{ background: LOSS }} />Daily P&amp;L (right axis)</span>
        <span className="ml-auto">Cumulative P&amp;L <span className={`font-medium tabular ${last.cumulativePnl < 0 ? "text-red-700" : "text-emerald-700"}`}>{formatUsd(last.cumulativePnl)}</span> since {points[0].date}</span>
      </div>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ left: 12, right: 12, top: 4, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11 }} minTickGap={28} />
            <YAxis yAxisId="equity" domain={[equityTicks[0], equityTicks[equityTicks.length - 1]]} ticks={equityTicks} interval={0} width={76} tick={{ fontSize: 11, fill: EQUITY }} stroke={EQUITY} tickFormatter={equityTick}
              label={{ value: "Equity", angle: -90, position: "insideLeft", style: { fill: EQUITY, fontSize: 12, textAnchor: "middle" } }} />
            <YAxis yAxisId="pnl" orientation="right" domain={[pnlTicks[0], pnlTicks[pnlTicks.length - 1]]} ticks={pnlTicks} interval={0} width={76} tick={{ fontSize: 11, fill: "#475569" }} stroke="#475569" tickFormatter={pnlTick}
              label={{ value: "Daily P&L", angle: 90, position: "insideRight", style: { fill: "#475569", fontSize: 12, textAnchor: "middle" } }} />
            <ReferenceLine yAxisId="pnl" y={0} stroke="#94a3b8" />
            <Tooltip content={<ChartTooltip />} />
            <Bar yAxisId="pnl" dataKey="dailyPnl" name="Daily P&L" isAnimationActive={false} maxBarSize={10}>
              {points.map((p) => <Cell key={p.date} fill={p.dailyPnl < 0 ? LOSS : GAIN} fillOpacity={0.55} />)}
            </Bar>
            <Line yAxisId="equity" type="linear" dataKey="equity" name="Equity" stroke={EQUITY} strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
