import { STRESS_FIGURE_NAMES } from "@/lib/risk/stress-factors";
import type { StressBreakdown } from "./stress-breakdown";
import { formatUsd } from "./stress-format";

/** Both figures per factor with the factor moves used (shocked vs implied), and the totals. */
export function StressDecompositionTable({ breakdown }: { breakdown: StressBreakdown }) {
  const d = breakdown;
  const amount = (value: number) => <span className={value < 0 ? "text-red-700" : value > 0 ? "text-emerald-700" : "text-slate-600"}>{formatUsd(value)}</span>;
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label={`Stress breakdown — ${d.scenarioName}`} data-testid="stress-decomposition">
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">Factor</th><th>Move used</th>
          <th className="text-right">{STRESS_FIGURE_NAMES.direct.title}</th>
          <th className="text-right">{STRESS_FIGURE_NAMES.correlated.title}</th>
        </tr>
      </thead>
      <tbody>
        {d.rows.map((row) => (
          <tr key={row.factor} className="border-t border-slate-100" data-factor={row.factor} data-move-kind={row.moveKind}>
            <td className="py-1">{row.label}</td>
            <td className="tabular">
              {row.move}{" "}
              <span className={`rounded px-1 text-xs ${row.moveKind === "shocked" ? "bg-indigo-50 text-indigo-700" : "bg-slate-100 text-slate-600"}`}>{row.moveKind}</span>
            </td>
            <td className="text-right tabular" data-value="direct">
              {amount(row.directPnl)}
              {row.directNote && <span className="block text-xs text-slate-500">{row.directNote}</span>}
            </td>
            <td className="text-right tabular" data-value="correlated">
              {amount(row.correlatedPnl)}
              {row.correlatedNote && <span className="block text-xs text-slate-500">{row.correlatedNote}</span>}
            </td>
          </tr>
        ))}
        <tr className="border-t-2 border-slate-300 font-medium">
          <td className="py-1" colSpan={2}>Total</td>
          <td className="text-right tabular" data-value="direct-total">{amount(d.directPnl)}{d.directCapApplied && <span className="block text-xs font-normal text-slate-500">loss cap applied</span>}</td>
          <td className="text-right tabular" data-value="correlated-total">{amount(d.correlatedPnl)}{d.correlatedCapApplied && <span className="block text-xs font-normal text-slate-500">loss cap applied</span>}</td>
        </tr>
      </tbody>
    </table></div>
  );
}
