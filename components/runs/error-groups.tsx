import type { PhaseRunDto } from "@/lib/schemas/run-dto";

/** Errors of every phase, grouped by type within each phase, with their details expandable. */
export function ErrorGroups({ phases }: { phases: PhaseRunDto[] }) {
  const withErrors = phases.filter((phase) => phase.errorGroups.length > 0);
  if (withErrors.length === 0) return <p className="text-slate-500">No errors.</p>;
  return (
    <div className="space-y-3" aria-label="Errors by type">
      {withErrors.map((phase) => (
        <div key={phase.id}>
          <h3 className="text-sm font-medium">{phase.phaseLabel} · {phase.calcDate} — {phase.errorCount} error(s)</h3>
          {phase.errorGroups.map((group) => (
            <details key={group.type} className="ml-3 mt-1">
              <summary className="cursor-pointer text-sm"><span className="rounded bg-red-100 px-1.5 font-mono text-red-800">{group.type}</span> × {group.count}</summary>
              <ul className="ml-5 list-disc text-xs text-slate-700">
                {group.details.slice(0, 200).map((detail, i) => (
                  <li key={i}>{[detail.symbol, detail.portfolioId, detail.factor].filter(Boolean).join(" · ")}{detail.symbol || detail.portfolioId || detail.factor ? ": " : ""}{detail.message}</li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      ))}
    </div>
  );
}
