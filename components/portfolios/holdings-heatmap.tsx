"use client";

import { useState } from "react";
import type { HoldingDto } from "@/lib/schemas/portfolio-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { divergingColor, formatBeta, formatUsd } from "@/components/ui/format";
import { HoldingStatsDrawer } from "./holding-stats-drawer";

export function HoldingsHeatmap({ holdings, factorNames }: { holdings: HoldingDto[]; factorNames: string[] }) {
  const [selected, setSelected] = useState<HoldingDto | null>(null);
  return (
    <div className="overflow-x-auto">
      <table className="text-xs" aria-label="Holdings by factor">
        <thead><tr><th className="px-2 text-left">Holding</th><th className="px-2 text-right">Market value</th>
          {factorNames.map((name) => <th key={name} className="h-28 w-12 align-bottom"><div className="w-12 -rotate-45 whitespace-nowrap text-left">{name}</div></th>)}</tr></thead>
        <tbody>
          {holdings.map((holding) => (
            <tr key={holding.positionId} className="cursor-pointer hover:outline hover:outline-indigo-300" onClick={() => setSelected(holding)} data-symbol={holding.symbol}>
              <td className="px-2 py-0.5">
                {/* A real button so the row's statistics open from the keyboard as well (Enter or Space). */}
                <button type="button" onClick={(event) => { event.stopPropagation(); setSelected(holding); }} aria-label={`Open statistics for ${holding.name ?? holding.symbol}`}
                  className="rounded text-left hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
                  {holding.name ? <span>{holding.name}</span> : <span className="font-mono">{holding.symbol}</span>}
                </button> {holding.factorStatus !== "ready" && <StatusBadge status={holding.factorStatus} />}
              </td>
              <td className="px-2 text-right tabular">{formatUsd(holding.marketValue)}</td>
              {factorNames.map((name) => {
                const beta = holding.factors[name]?.beta;
                return <td key={name} className="w-12 border border-white text-center tabular" style={{ background: divergingColor(beta, 2) }}>{beta === undefined ? "" : formatBeta(beta)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {selected && <HoldingStatsDrawer holding={selected} factorNames={factorNames} onClose={() => setSelected(null)} />}
    </div>
  );
}
