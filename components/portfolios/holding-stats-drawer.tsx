"use client";

import type { HoldingDto } from "@/lib/queries/get-portfolio-detail";
import { formatNumber, formatPValue } from "@/components/ui/format";

export function HoldingStatsDrawer({ holding, factorNames, onClose }: { holding: HoldingDto; factorNames: string[]; onClose: () => void }) {
  return (
    <div role="dialog" aria-label={`Statistics for ${holding.symbol}`} className="fixed inset-y-0 right-0 z-20 w-full max-w-2xl overflow-y-auto border-l border-slate-200 bg-white p-5 shadow-2xl">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-lg font-semibold"><span className="font-mono">{holding.symbol}</span> — factor statistics</h2>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2 py-1 text-sm">Close</button>
      </div>
      <p className="mb-3 text-sm text-slate-600">{holding.positionType} · quantity {holding.quantity} · {holding.kind} · factors {holding.factorStatus}</p>
      <table className="w-full text-xs">
        <thead className="text-left uppercase text-slate-500"><tr><th>Factor</th><th className="text-right">β</th><th className="text-right">SE</th><th className="text-right">t</th><th className="text-right">p</th><th className="text-right">R²</th><th className="text-right">n</th><th>Window</th></tr></thead>
        <tbody>
          {factorNames.map((name) => {
            const stat = holding.factors[name];
            return (
              <tr key={name} className="border-t border-slate-100">
                <td className="py-1">{name}</td>
                <td className="text-right tabular">{stat ? `${formatNumber(stat.beta, 4)}${stat.isCapped ? " (capped)" : ""}` : "—"}</td>
                <td className="text-right tabular">{formatNumber(stat?.standardError, 4)}</td>
                <td className="text-right tabular">{formatNumber(stat?.tStat, 2)}</td>
                <td className="text-right tabular">{formatPValue(stat?.pValue)}</td>
                <td className="text-right tabular">{formatNumber(stat?.rSquared, 3)}</td>
                <td className="text-right tabular">{stat?.n ?? "—"}</td>
                <td className="tabular">{stat?.windowStart ? `${stat.windowStart} → ${stat.windowEnd}` : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
