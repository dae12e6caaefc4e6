import type { ExposureRow } from "./exposure-bar-chart";
import { formatNumber, formatPct, formatUsd } from "@/components/ui/format";

export function ExposureTable({ rows, coverage }: { rows: ExposureRow[]; coverage: { coverage: number; privateAllocation: number; publicPositions: number; coveredPositions: number } | null }) {
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600" data-testid="coverage">
        {coverage ? <>Coverage {formatPct(coverage.coverage, 1)} of public market value ({coverage.coveredPositions}/{coverage.publicPositions} positions) · private allocation {formatPct(coverage.privateAllocation, 1)}</> : "Coverage not computed yet."}
      </p>
      <table className="w-full text-sm" aria-label="Factor exposures">
        <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Factor</th><th className="text-right">Beta</th><th className="text-right">Dollar exposure</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.factor} className="border-t border-slate-100" data-factor={row.factor}>
              <td className="py-1">{row.factor}</td>
              <td className="text-right tabular" data-value="beta">{formatNumber(row.beta, 4)}</td>
              <td className="text-right tabular" data-value="dollar">{formatUsd(row.dollar)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
