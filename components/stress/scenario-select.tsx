"use client";

import { useRouter, useSearchParams } from "next/navigation";

export function ScenarioSelect({ scenarios, portfolios, scenarioId, portfolioId }: {
  scenarios: { scenarioId: string; name: string }[]; portfolios: { id: string; name: string }[]; scenarioId: string; portfolioId: string;
}) {
  const router = useRouter();
  const search = useSearchParams();
  const go = (key: string, value: string) => { const next = new URLSearchParams(search.toString()); next.set(key, value); router.push(`?${next}`); };
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div className="mb-3 flex flex-wrap gap-3">
      <select aria-label="Scenario" value={scenarioId} onChange={(e) => go("scenario", e.target.value)} className={select}>
        {scenarios.map((s) => <option key={s.scenarioId} value={s.scenarioId}>{s.name}</option>)}
      </select>
      <select aria-label="Portfolio" value={portfolioId} onChange={(e) => go("portfolio", e.target.value)} className={select}>
        {portfolios.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
    </div>
  );
}
