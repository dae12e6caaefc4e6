import type { SymbolFactors } from "@/lib/schemas/factor-dto";
import { formatBeta, formatDateRange, formatNumber, formatPValue } from "@/components/ui/format";

export function SymbolFactorTable({ factors }: { factors: SymbolFactors["factors"] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Symbol factors">
      <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Factor</th><th className="text-right normal-case">β</th><th className="text-right">R²</th><th className="text-right">n</th><th className="text-right">SE</th><th className="text-right">t</th><th className="text-right">p</th><th className="pl-4">Window</th><th className="pl-4">Method</th></tr></thead>
      <tbody>
        {factors.map((f) => (
          <tr key={f.name} className="border-t border-slate-100" data-factor={f.name} title={f.description}>
            <td className="py-1">{f.name}</td>
            <td className="text-right tabular" data-value="beta">{formatBeta(f.beta)}{f.isCapped && <span className="ml-1 text-xs text-amber-700">capped</span>}</td>
            <td className="text-right tabular">{formatNumber(f.rSquared, 3)}</td>
            <td className="text-right tabular">{formatNumber(f.n, 0)}</td>
            <td className="text-right tabular">{formatNumber(f.standardError, 3)}</td>
            <td className="text-right tabular">{formatNumber(f.tStat, 2)}</td>
            <td className="text-right tabular">{formatPValue(f.pValue)}</td>
            <td className="pl-4 tabular text-xs whitespace-nowrap">{formatDateRange(f.windowStart, f.windowEnd)}</td>
            <td className="pl-4 text-xs text-slate-500">{f.method ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}
