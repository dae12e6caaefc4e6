"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { FactorHeatmap as FactorHeatmapDto } from "@/lib/schemas/factor-dto";
import { divergingColor, formatBeta, formatNumber } from "@/components/ui/format";
import { HeatmapColumnHeader, HeatmapScroll, heatmapHeaderHeightPx, STICKY_FIRST } from "@/components/ui/heatmap-header";

export function FactorHeatmap({ heatmap }: { heatmap: FactorHeatmapDto }) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ column: number; desc: boolean }>({ column: -1, desc: false });
  const rows = useMemo(() => {
    const filtered = heatmap.rows.filter((row) => row.symbol.includes(query.trim().toUpperCase()));
    const sorted = [...filtered].sort((a, b) => {
      if (sort.column === -1) return a.symbol.localeCompare(b.symbol);
      const x = a.betas[sort.column] ?? Number.NEGATIVE_INFINITY;
      const y = b.betas[sort.column] ?? Number.NEGATIVE_INFINITY;
      return x - y;
    });
    return sort.desc ? sorted.reverse() : sorted;
  }, [heatmap.rows, query, sort]);
  const toggle = (column: number) => setSort((s) => ({ column, desc: s.column === column ? !s.desc : column !== -1 }));
  const arrow = (column: number) => (sort.column === column ? (sort.desc ? " ▼" : " ▲") : "");
  const headerPx = heatmapHeaderHeightPx(heatmap.factorNames);
  return (
    <div>
      <input type="search" aria-label="Search symbols" placeholder="Search symbol…" value={query} onChange={(e) => setQuery(e.target.value)}
        className="mb-3 rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <span className="ml-3 text-sm text-slate-600">{formatNumber(rows.length, 0)} of {formatNumber(heatmap.rows.length, 0)} symbols</span>
      <HeatmapScroll heightPx={headerPx}>
        <table className="text-xs" aria-label="Symbol factor heatmap">
          <thead><tr>
            <th scope="col" className={`px-2 text-left align-bottom ${STICKY_FIRST}`}><button type="button" onClick={() => toggle(-1)}>Symbol{arrow(-1)}</button></th>
            {heatmap.factorNames.map((name, i) => (
              <HeatmapColumnHeader key={name} heightPx={headerPx} ariaSort={sort.column === i ? (sort.desc ? "descending" : "ascending") : "none"}>
                <button type="button" onClick={() => toggle(i)} className="whitespace-nowrap text-left hover:underline">{name}{arrow(i)}</button>
              </HeatmapColumnHeader>
            ))}
          </tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.symbol} data-symbol={row.symbol}>
                <td className={`px-2 font-mono ${STICKY_FIRST}`}><Link href={`/admin/factors/${encodeURIComponent(row.symbol)}`} className="text-indigo-700 hover:underline">{row.symbol}</Link></td>
                {row.betas.map((beta, i) => (
                  <td key={i} className={`w-14 border border-white text-center tabular ${row.capped[i] ? "font-bold" : ""}`} style={{ background: divergingColor(beta, 2) }}
                    title={`${row.symbol} ${heatmap.factorNames[i]}: ${formatBeta(beta)}${row.capped[i] ? " (capped)" : ""}`}>{beta === null ? "" : formatBeta(beta)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </HeatmapScroll>
      {rows.length === 0 && <p className="mt-2 text-sm text-slate-500" data-testid="factor-search-empty">No symbol matches “{query.trim()}” — clear the search to see all {formatNumber(heatmap.rows.length, 0)} symbols.</p>}
      <p className="mt-2 text-xs text-slate-600">Colour: red negative, blue positive, white 0 (saturates at ±2). Bold = capped at ±5.</p>
    </div>
  );
}
