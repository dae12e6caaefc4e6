import Link from "next/link";
import type { StressCellDto, StressOverview } from "@/lib/schemas/stress-dto";
import { divergingColor, formatPct } from "@/components/ui/format";
import { formatSignedUsd } from "./stress-format";

/** The cell's tooltip: both figures and the largest correlated contributions, with the shared labels. */
function describeCell(portfolio: string, scenario: string, cell: StressCellDto): string {
  const parts = cell.top.map(([label, usd]) => `${label} ${formatSignedUsd(usd)}`).join(", ");
  return `${scenario} · ${portfolio}\nCorrelated ${formatPct(cell.correlatedPct, 1)} (${formatSignedUsd(cell.correlatedPnl)})${parts ? `: ${parts}` : ""}\nDirect ${formatPct(cell.directPct, 1)} (${formatSignedUsd(cell.directPnl)})`;
}

export function StressHeatmap({ data }: { data: StressOverview }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-xs" aria-label="Stress heatmap">
        <thead><tr><th className="px-2 text-left">Portfolio</th>
          {data.scenarios.map((s) => <th key={s.scenarioId} className="h-32 w-14 align-bottom"><div className="w-14 -rotate-45 whitespace-nowrap text-left">{s.name}</div></th>)}</tr></thead>
        <tbody>
          {data.portfolios.map((p, i) => (
            <tr key={p.id} data-portfolio={p.name}>
              <td className="whitespace-nowrap px-2">{p.name} <span className="text-slate-400">{p.owner}</span></td>
              {data.cells[i].map((cell, j) => (
                <td key={j} className="w-14 border border-white text-center tabular" style={{ background: divergingColor(cell?.correlatedPct, 0.2) }}
                  data-scenario={data.scenarios[j].scenarioId} title={cell ? describeCell(p.name, data.scenarios[j].name, cell) : undefined}>
                  <Link href={`?date=${data.date}&portfolio=${p.id}&scenario=${data.scenarios[j].scenarioId}`} className="block">{cell ? formatPct(cell.correlatedPct, 1) : ""}</Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">Correlated P&amp;L (with knock-on moves) as % of equity. Hover a cell for its largest contributions and the direct figure; click it for the full breakdown.</p>
    </div>
  );
}
