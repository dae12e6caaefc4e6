import { STRESS_FIGURE_NAMES, STRESS_MODEL_SENTENCE } from "@/lib/risk/stress-factors";

/** The model in one sentence, and what the two figures mean. */
export function StressModelNote() {
  return (
    <div className="space-y-1 text-sm text-slate-600" data-testid="stress-model-note">
      <p>{STRESS_MODEL_SENTENCE}</p>
      <p className="text-xs text-slate-500">
        <strong className="font-medium text-slate-700">{STRESS_FIGURE_NAMES.direct.title}</strong>: {STRESS_FIGURE_NAMES.direct.meaning}.{" "}
        <strong className="font-medium text-slate-700">{STRESS_FIGURE_NAMES.correlated.title}</strong>: {STRESS_FIGURE_NAMES.correlated.meaning}.
      </p>
    </div>
  );
}
