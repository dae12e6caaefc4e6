export interface PlanDto {
  jobType: string;
  dates: string[];
  phases: string[];
  steps: { date: string; phase: string; symbols?: string[]; description: string }[];
  warnings: string[];
}

/** The dry-run preview: exactly the steps the run will execute. */
export function ActionPlan({ plan }: { plan: PlanDto }) {
  return (
    <div className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Preview">
      <p className="text-sm font-medium">
        Preview: {plan.jobType} over {plan.dates.length} date(s), {plan.steps.length} step(s)
      </p>
      {plan.warnings.map((warning) => <p key={warning} role="note" className="mt-1 text-sm text-amber-800">⚠ {warning}</p>)}
      {plan.steps.length === 0 ? <p className="mt-2 text-sm text-slate-600">Nothing to run.</p> : (
        <ol className="mt-2 max-h-72 list-decimal overflow-auto pl-6 text-sm" data-testid="plan-steps">
          {plan.steps.map((step, i) => (
            <li key={i} data-step={`${step.date}|${step.phase}`}>
              <span className="font-mono">{step.date}</span> — {step.description}
              {step.symbols && step.symbols.length > 0 && <span className="text-xs text-slate-600"> [{step.symbols.slice(0, 30).join(", ")}{step.symbols.length > 30 ? ` … +${step.symbols.length - 30}` : ""}]</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
