import type { PortfolioStressDto } from "@/lib/schemas/portfolio-dto";
import { formatPct, formatUsd } from "@/components/ui/format";

export function StressTable({ rows }: { rows: PortfolioStressDto[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No stress results yet — scenarios run after the portfolio is valued by the nightly run (21:00 ET).</p>;
  return (
    <table className="w-full text-sm" aria-label="Stress results">
      <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Scenario</th><th>Severity</th><th className="text-right">Correlated P&amp;L</th><th className="text-right">Direct P&amp;L</th><th className="text-right">% of equity</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.scenarioId} className="border-t border-slate-100" data-scenario={row.scenarioId}>
            <td className="py-1">{row.name}</td><td className="text-slate-600">{row.severity}</td>
            <td className={`text-right tabular ${row.correlatedPnl < 0 ? "text-red-700" : "text-emerald-700"}`} data-value="correlated">{formatUsd(row.correlatedPnl)}</td>
            <td className="text-right tabular" data-value="direct">{formatUsd(row.directPnl)}</td>
            <td className="text-right tabular" data-value="pct">{formatPct(row.pctOfEquity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
