"use client";

export function ConfirmStart({ label, busy, confirming, onAsk, onConfirm, onCancel }: {
  label: string; busy: boolean; confirming: boolean; onAsk: () => void; onConfirm: () => void; onCancel: () => void;
}) {
  if (!confirming) {
    return <button type="button" onClick={onAsk} disabled={busy} className="mt-3 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">{label}</button>;
  }
  return (
    <div role="dialog" aria-label="Confirm" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p>This starts a real run that rewrites the stored results for the dates above. Continue?</p>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={onConfirm} disabled={busy} className="rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-500 disabled:opacity-50">Confirm and start</button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5">Cancel</button>
      </div>
    </div>
  );
}
