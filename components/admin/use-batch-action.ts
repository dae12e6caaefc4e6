"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PlanDto } from "./action-plan";

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(json.error ?? `Request failed (${response.status}).`);
  return json as T;
}

/** Preview → confirm → start, then open the run detail (which polls while running). */
export function useBatchAction(base: string) {
  const router = useRouter();
  const [plan, setPlan] = useState<PlanDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function preview(body: unknown) {
    setBusy(true); setError(null); setPlan(null); setConfirming(false);
    try { setPlan(await postJson<PlanDto>(`${base}/preview`, body)); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }
  async function start(body: unknown) {
    setBusy(true); setError(null);
    try {
      const { runId } = await postJson<{ runId: string }>(base, body);
      router.push(`/admin/runs/${runId}`);
    } catch (e) { setError((e as Error).message); setBusy(false); setConfirming(false); }
  }
  return { plan, error, busy, confirming, setConfirming, preview, start, reset: () => { setPlan(null); setConfirming(false); } };
}
