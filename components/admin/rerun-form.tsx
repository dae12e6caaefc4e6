"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { ActionPlan } from "./action-plan";
import { ConfirmStart } from "./confirm-start";
import { useBatchAction } from "./use-batch-action";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1";

export function RerunForm({ phases, defaultDate }: { phases: { key: string; label: string }[]; defaultDate: string }) {
  const [date, setDate] = useState(defaultDate);
  const [phase, setPhase] = useState(phases.some((p) => p.key === "phase_3_factors") ? "phase_3_factors" : phases[0].key);
  const [onlyFailed, setOnlyFailed] = useState(false);
  const action = useBatchAction("/api/admin/actions/rerun");
  const body = { date, phase, onlyFailed };
  return (
    <Card title="Rerun a phase">
      <form className="flex flex-wrap items-end gap-3" aria-label="Rerun" onSubmit={(e) => { e.preventDefault(); void action.preview(body); }}>
        <label className="text-sm"><span className="block text-slate-600">Date</span>
          <input type="date" aria-label="Rerun date" value={date} onChange={(e) => { setDate(e.target.value); action.reset(); }} className={input} required /></label>
        <label className="text-sm"><span className="block text-slate-600">Phase</span>
          <select aria-label="Phase" value={phase} onChange={(e) => { setPhase(e.target.value); action.reset(); }} className={input}>
            {phases.map((p) => <option key={p.key} value={p.key}>{p.label}</option>)}
          </select></label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={onlyFailed} onChange={(e) => { setOnlyFailed(e.target.checked); action.reset(); }} /> Only its failed symbols
        </label>
        <button type="submit" disabled={action.busy} className="rounded-md border border-indigo-600 px-3 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">Preview rerun</button>
      </form>
      {action.error && <p role="alert" className="mt-3 text-sm text-red-700">{action.error}</p>}
      {action.plan && <ActionPlan plan={action.plan} />}
      {action.plan && action.plan.steps.length > 0 && (
        <ConfirmStart label="Start rerun…" busy={action.busy} confirming={action.confirming} onAsk={() => action.setConfirming(true)}
          onConfirm={() => void action.start(body)} onCancel={() => action.setConfirming(false)} />
      )}
    </Card>
  );
}
