"use client";

import { useState } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { HeatmapColumnHeader, HeatmapScroll, heatmapHeaderHeightPx, STICKY_FIRST } from "@/components/ui/heatmap-header";
import { HoldingStatsDrawer } from "./holding-stats-drawer";
import type { HoldingView } from "./portfolio-views";

/** Holdings × factor betas; a row (or its symbol button, for the keyboard) opens the holding's statistics drawer. */
export function HoldingsHeatmap({ holdings, factorNames }: { holdings: HoldingView[]; factorNames: string[] }) {
  const [selected, setSelected] = useState<HoldingView | null>(null);
  const headerPx = heatmapHeaderHeightPx(factorNames);
  return (
    <div>
      <HeatmapScroll heightPx={headerPx}>
        <table className="text-xs" aria-label="Holdings by factor">
          <thead><tr><th scope="col" className={`px-2 text-left align-bottom ${STICKY_FIRST}`}>Holding</th><th scope="col" className="px-2 text-right align-bottom">Market value</th>
            {factorNames.map((name) => <HeatmapColumnHeader key={name} heightPx={headerPx} widthClass="w-12">{name}</HeatmapColumnHeader>)}</tr></thead>
          <tbody>
            {holdings.map((holding) => (
              <tr key={holding.positionId} className="cursor-pointer hover:outline hover:outline-indigo-300" onClick={() => setSelected(holding)} data-symbol={holding.symbol}>
                <td className={`px-2 py-0.5 ${STICKY_FIRST}`}>
                  {/* A real button so the row's statistics open from the keyboard as well (Enter or Space). */}
                  <button type="button" className="rounded text-left text-indigo-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    aria-haspopup="dialog" aria-label={`Open statistics for ${holding.name ?? holding.symbol}`}
                    onClick={(event) => { event.stopPropagation(); setSelected(holding); }}>
                    {holding.name ? <span>{holding.name}</span> : <span className="font-mono">{holding.symbol}</span>}
                  </button>
                  {holding.factorStatus !== "ready" && <> <StatusBadge status={holding.factorStatus} /></>}
                </td>
                <td className="px-2 text-right tabular">{holding.marketValue}</td>
                {factorNames.map((name, i) => <td key={name} className="w-12 border border-white text-center tabular" style={{ background: holding.colors[i] }}>{holding.betas[i]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </HeatmapScroll>
      {selected && <HoldingStatsDrawer holding={selected} factorNames={factorNames} onClose={() => setSelected(null)} />}
    </div>
  );
}
