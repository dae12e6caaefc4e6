import Link from "next/link";
import type { StressOverview } from "@/lib/schemas/stress-dto";
import { divergingColor, formatPct } from "@/components/ui/format";

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
              {data.cells[i].map((value, j) => (
                <td key={j} className="w-14 border border-white text-center tabular" style={{ background: divergingColor(value, 0.2) }} data-scenario={data.scenarios[j].scenarioId}>
                  <Link href={`?date=${data.date}&portfolio=${p.id}&scenario=${data.scenarios[j].scenarioId}`} className="block">{value === null ? "" : formatPct(value, 1)}</Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">Correlated P&amp;L as % of equity. Click a cell for its contribution waterfall.</p>
    </div>
  );
}
