import type { ExposureDto } from "@/lib/schemas/portfolio-dto";
import { formatBeta, formatUsd } from "@/components/ui/format";

export function ExposureTable({ rows }: { rows: ExposureDto[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Factor exposures">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500"><tr><th className="py-1.5">Factor</th><th className="text-right">Beta</th><th className="text-right">Dollar exposure</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.factor} className="border-t border-slate-100" data-factor={row.factor}>
            <td className="py-1">{row.factor}</td>
            <td className={`text-right tabular ${(row.beta ?? 0) <= -0.005 ? "text-red-700" : ""}`} data-value="beta">{formatBeta(row.beta)}</td>
            <td className={`text-right tabular ${(row.dollar ?? 0) < 0 ? "text-red-700" : ""}`} data-value="dollar">{formatUsd(row.dollar)}</td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}
