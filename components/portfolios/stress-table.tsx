"use client";

import { Fragment, useState } from "react";
import { STRESS_FIGURE_NAMES } from "@/lib/risk/stress-factors";
import { formatPct, formatUsd } from "@/components/ui/format";
import { CorrelationDriverNote } from "@/components/stress/correlation-driver-note";
import { StressDecompositionTable } from "@/components/stress/stress-decomposition-table";
import type { StressRowView } from "./portfolio-views";

/** One row per scenario with both figures; a row opens to its breakdown, and a correlated total far from the direct one says why. */
export function StressTable({ rows }: { rows: StressRowView[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (rows.length === 0) return <p className="text-sm text-slate-500">No stress results yet — scenarios run after the portfolio is valued by the nightly run (21:00 ET).</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Stress results">
      <thead className="text-left text-xs uppercase text-slate-500"><tr>
        <th>Scenario</th><th>Severity</th><th className="text-right">{STRESS_FIGURE_NAMES.correlated.title}</th>
        <th className="text-right">{STRESS_FIGURE_NAMES.direct.title}</th><th className="text-right">% of equity</th><th />
      </tr></thead>
      <tbody>
        {rows.map((row) => (
          <Fragment key={row.scenarioId}>
            <tr className="border-t border-slate-100" data-scenario={row.scenarioId}>
              <td className="py-1">{row.name}{row.personal && <span className="ml-1 rounded bg-indigo-50 px-1 text-xs text-indigo-700">yours</span>}</td>
              <td className="text-slate-600">{row.severity}</td>
              <td className={`text-right tabular ${row.correlatedPnl < 0 ? "text-red-700" : "text-emerald-700"}`} data-value="correlated">{formatUsd(row.correlatedPnl)}</td>
              <td className="text-right tabular" data-value="direct">{formatUsd(row.directPnl)}</td>
              <td className="text-right tabular" data-value="pct">{formatPct(row.pctOfEquity)}</td>
              <td className="text-right">
                <button type="button" className="text-xs text-indigo-700 hover:underline" aria-expanded={open === row.scenarioId}
                  aria-label={`Breakdown of ${row.name}`} onClick={() => setOpen(open === row.scenarioId ? null : row.scenarioId)}>
                  {open === row.scenarioId ? "Hide" : "Breakdown"}
                </button>
              </td>
            </tr>
            {row.driver && (
              <tr data-driver-for={row.scenarioId}><td colSpan={6} className="pb-1"><CorrelationDriverNote decomposition={{ driver: row.driver, directPnl: row.breakdown.directPnl, correlatedPnl: row.breakdown.correlatedPnl }} /></td></tr>
            )}
            {open === row.scenarioId && (
              <tr><td colSpan={6} className="bg-slate-50 p-2"><StressDecompositionTable breakdown={row.breakdown} /></td></tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table></div>
  );
}
