/** Results stored before the market-plus-excess model: say so, and how to recompute them. */
export function FirstModelNotice({ date }: { date: string | null }) {
  return (
    <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="first-model-notice">
      Some results{date ? ` of ${date}` : ""} were stored by the previous stress model (no market term through the styles).
      Rerun the stress phase of that date to recompute them: Actions → Rerun a phase → phase_6_stress, or
      <code className="mx-1">npm run -s factorwatch -- batch run --date {date ?? "YYYY-MM-DD"} --phase phase_6_stress</code>.
    </p>
  );
}
