"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Clears the symbol's unpriced mark (the next nightly prices it again) and reloads the page's data. */
export function RetryUnpricedButton({ symbol }: { symbol: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  async function retry() {
    setState({ busy: true, error: null });
    const response = await fetch(`/api/admin/symbols/${encodeURIComponent(symbol)}/retry`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) return setState({ busy: false, error: body.error ?? `Retry failed (${response.status}).` });
    setState({ busy: false, error: null });
    router.refresh();
  }
  return (
    <span>
      <button type="button" onClick={retry} disabled={state.busy} className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50">retry</button>
      {state.error && <span role="alert" className="ml-2 text-xs text-red-700">{state.error}</span>}
    </span>
  );
}
