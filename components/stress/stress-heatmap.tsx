import Link from "next/link";
import type { StressCellDto, StressOverview } from "@/lib/schemas/stress-dto";
import { divergingColor, formatPct } from "@/components/ui/format";
import { HeatmapColumnHeader, HeatmapScroll, heatmapHeaderHeightPx, STICKY_FIRST } from "@/components/ui/heatmap-header";
import { formatSignedUsd } from "./stress-format";

/** The cell's tooltip: both figures and the largest correlated contributions, with the shared labels. */
function describeCell(portfolio: string, scenario: string, cell: StressCellDto): string {
  const parts = cell.top.map(([label, usd]) => `${label} ${formatSignedUsd(usd)}`).join(", ");
  return `${scenario} · ${portfolio}\nCorrelated ${formatPct(cell.correlatedPct, 1)} (${formatSignedUsd(cell.correlatedPnl)})${parts ? `: ${parts}` : ""}\nDirect ${formatPct(cell.directPct, 1)} (${formatSignedUsd(cell.directPnl)})`;
}

/** Portfolios × scenarios; the portfolio column stays in view when the table scrolls to a right-hand cell. */
export function StressHeatmap({ data }: { data: StressOverview }) {
  const headerPx = heatmapHeaderHeightPx(data.scenarios.map((s) => s.name));
  return (
    <div>
    <HeatmapScroll heightPx={headerPx}>
      <table className="text-xs" aria-label="Stress heatmap">
        <thead><tr><th scope="col" className={`px-2 text-left align-bottom ${STICKY_FIRST}`}>Portfolio</th>
          {data.scenarios.map((s) => <HeatmapColumnHeader key={s.scenarioId} heightPx={headerPx}>{s.name}</HeatmapColumnHeader>)}</tr></thead>
        <tbody>
          {data.portfolios.map((p, i) => (
            <tr key={p.id} data-portfolio={p.name}>
              <th scope="row" className={`min-w-[9rem] max-w-[16rem] px-2 text-left font-normal ${STICKY_FIRST}`}>
                <span className="block">{p.name}</span>
                <span className="block text-slate-600">{p.owner}</span>
              </th>
              {data.cells[i].map((cell, j) => (
                <td key={j} className="w-14 border border-white text-center tabular" style={{ background: divergingColor(cell?.correlatedPct, 0.2) }}
                  data-scenario={data.scenarios[j].scenarioId} title={cell ? describeCell(p.name, data.scenarios[j].name, cell) : undefined}>
                  <Link href={`?date=${data.date}&portfolio=${p.id}&scenario=${data.scenarios[j].scenarioId}`} className="block" aria-label={`${data.scenarios[j].name} for ${p.name}: ${cell ? formatPct(cell.correlatedPct, 1) : "no result"}`}>{cell ? formatPct(cell.correlatedPct, 1) : ""}</Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </HeatmapScroll>
      <p className="mt-2 text-xs text-slate-600">Correlated P&amp;L (with knock-on moves) as % of equity. Hover a cell for its largest contributions and the direct figure; click it for the full breakdown.</p>
    </div>
  );
}
