"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { ActionPlan } from "./action-plan";
import { ConfirmStart } from "./confirm-start";
import { useBatchAction } from "./use-batch-action";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1";

export function BackfillForm({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [reprocess, setReprocess] = useState<"missing" | "failed" | "all">("missing");
  const [confirmLargeRange, setConfirmLargeRange] = useState(false);
  const action = useBatchAction("/api/admin/actions/backfill");
  const body = { from, to, reprocess, confirmLargeRange };
  const change = <T,>(set: (v: T) => void) => (v: T) => { set(v); action.reset(); };
  return (
    <Card title="Backfill a date range">
      <form className="flex flex-wrap items-end gap-3" aria-label="Backfill" onSubmit={(e) => { e.preventDefault(); void action.preview(body); }}>
        <label className="text-sm"><span className="block text-slate-600">From</span>
          <input type="date" aria-label="Backfill from" value={from} onChange={(e) => change(setFrom)(e.target.value)} className={input} required /></label>
        <label className="text-sm"><span className="block text-slate-600">To</span>
          <input type="date" aria-label="Backfill to" value={to} onChange={(e) => change(setTo)(e.target.value)} className={input} required /></label>
        <label className="text-sm"><span className="block text-slate-600">Reprocess</span>
          <select aria-label="Reprocess" value={reprocess} onChange={(e) => change(setReprocess)(e.target.value as typeof reprocess)} className={input}>
            <option value="missing">missing dates/phases</option><option value="failed">failed phases</option><option value="all">everything</option>
          </select></label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={confirmLargeRange} onChange={(e) => change(setConfirmLargeRange)(e.target.checked)} /> Allow a large range
        </label>
        <button type="submit" disabled={action.busy} className="rounded-md border border-indigo-600 px-3 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">Preview backfill</button>
      </form>
      {reprocess === "all" && <p className="mt-2 text-sm text-slate-600" data-testid="reprocess-all-note">Everything recomputes every portfolio phase; prices already stored and complete factor sets are kept, and those phases show as skipped.</p>}
      {action.error && <p role="alert" className="mt-3 text-sm text-red-700">{action.error}</p>}
      {action.plan && <ActionPlan plan={action.plan} />}
      {action.plan && action.plan.steps.length > 0 && (
        <ConfirmStart label="Start backfill…" busy={action.busy} confirming={action.confirming} onAsk={() => action.setConfirming(true)}
          onConfirm={() => void action.start(body)} onCancel={() => action.setConfirming(false)} />
      )}
    </Card>
  );
}
