"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PersonalScenarioDto, StressPreviewDto } from "@/lib/schemas/stress-dto";
import { STRESS_FIGURE_NAMES } from "@/lib/risk/stress-factors";
import { CorrelationDriverNote } from "./correlation-driver-note";
import { StressDecompositionTable } from "./stress-decomposition-table";
import { toStressBreakdown } from "./stress-breakdown";
import { formatUsd } from "./stress-format";

const RETURN_FIELDS = [
  ["Market", "Market (SPY)"], ["Value", "Value vs market"], ["Growth", "Growth vs market"], ["Momentum", "Momentum vs market"],
  ["Quality", "Quality vs market"], ["Size", "Size vs market"], ["Low Volatility", "Low Volatility vs market"],
] as const;
type Inputs = Record<string, string>;

async function send<T>(url: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(json.error ?? `Request failed (${response.status}).`);
  return json as T;
}

/** Typed inputs → the API's shocks (percent → decimal); a sentence for anything that is not a number. */
function readShocks(inputs: Inputs): { returnShocks: Record<string, number>; rateShockBp: number | null } | { error: string } {
  const returnShocks: Record<string, number> = {};
  for (const [factor, label] of RETURN_FIELDS) {
    const text = (inputs[factor] ?? "").trim();
    if (text === "") continue;
    const value = Number(text);
    if (!Number.isFinite(value)) return { error: `${label}: type a number of percent, e.g. -10.` };
    returnShocks[factor] = value / 100;
  }
  const rateText = (inputs.rates ?? "").trim();
  const rateShockBp = rateText === "" ? null : Number(rateText);
  if (rateShockBp !== null && !Number.isFinite(rateShockBp)) return { error: "Rates: type a number of basis points, e.g. 50." };
  return { returnShocks, rateShockBp };
}

function toInputs(shocks: Record<string, number>): Inputs {
  const inputs: Inputs = {};
  for (const [factor] of RETURN_FIELDS) if (shocks[factor] !== undefined) inputs[factor] = String(Math.round(shocks[factor] * 100 * 1e6) / 1e6);
  if (shocks["Interest Rate"] !== undefined) inputs.rates = String(Math.round(shocks["Interest Rate"] * 10_000 * 1e4) / 1e4);
  return inputs;
}

export function ScenarioBuilder({ portfolios, portfolioId: initialPortfolio, date, saved }: {
  portfolios: { id: string; name: string }[]; portfolioId: string; date: string | null; saved: PersonalScenarioDto[];
}) {
  const router = useRouter();
  const [inputs, setInputs] = useState<Inputs>({});
  const [portfolioId, setPortfolioId] = useState(initialPortfolio);
  const [preview, setPreview] = useState<StressPreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const field = "w-24 rounded-md border border-slate-300 bg-white px-2 py-1 text-right tabular";

  async function run(action: () => Promise<void>) {
    setBusy(true); setError(null); setNotice(null);
    try { await action(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }
  const compute = () => run(async () => {
    const shocks = readShocks(inputs);
    if ("error" in shocks) throw new Error(shocks.error);
    setPreview(await send<StressPreviewDto>("/api/stress/preview", "POST", { portfolioId, ...(date ? { date } : {}), ...shocks }));
  });
  const save = () => run(async () => {
    const shocks = readShocks(inputs);
    if ("error" in shocks) throw new Error(shocks.error);
    const created = await send<PersonalScenarioDto>("/api/stress/scenarios", "POST", { name, ...shocks });
    setNotice(`Saved "${created.name}". Only you see it; the nightly stresses your portfolios with it from now on.`);
    setName("");
    router.refresh();
  });
  const remove = (scenario: PersonalScenarioDto) => run(async () => {
    await send(`/api/stress/scenarios/${scenario.scenarioId}`, "DELETE");
    setNotice(`Deleted "${scenario.name}".`);
    router.refresh();
  });

  return (
    <div className="space-y-4" data-testid="scenario-builder">
      <form className="space-y-3" aria-label="Scenario builder" onSubmit={(e) => { e.preventDefault(); void compute(); }}>
        {portfolios.length > 1 && (
          <label className="block text-sm"><span className="mr-2 text-slate-600">Portfolio</span>
            <select aria-label="Builder portfolio" value={portfolioId} onChange={(e) => { setPortfolioId(e.target.value); setPreview(null); }} className="rounded-md border border-slate-300 bg-white px-2 py-1">
              {portfolios.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select></label>
        )}
        <div className="flex flex-wrap gap-3">
          {RETURN_FIELDS.map(([factor, label]) => (
            <label key={factor} className="text-sm"><span className="block text-slate-600">{label}, %</span>
              <input aria-label={`${label} %`} inputMode="decimal" value={inputs[factor] ?? ""} placeholder="—" className={field}
                onChange={(e) => setInputs({ ...inputs, [factor]: e.target.value })} /></label>
          ))}
          <label className="text-sm"><span className="block text-slate-600">Rates, bp</span>
            <input aria-label="Rates bp" inputMode="decimal" value={inputs.rates ?? ""} placeholder="—" className={field}
              onChange={(e) => setInputs({ ...inputs, rates: e.target.value })} /></label>
        </div>
        <p className="text-xs text-slate-500">Leave a factor empty to let the model imply its move. Returns from −100% to +300%; rates within ±2,000 bp.</p>
        <button type="submit" disabled={busy} className="rounded-md border border-indigo-600 px-3 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">Compute</button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {notice && <p role="status" className="text-sm text-emerald-700">{notice}</p>}
      {preview && (
        <div className="space-y-3" data-testid="builder-result">
          <p className="text-sm" data-testid="builder-totals">
            {STRESS_FIGURE_NAMES.direct.title}: <strong>{formatUsd(preview.decomposition.directPnl)}</strong> · {STRESS_FIGURE_NAMES.correlated.title}:{" "}
            <strong>{formatUsd(preview.decomposition.correlatedPnl)}</strong> <span className="text-slate-500">(as of {preview.date}, covariance of {preview.dataDays} days)</span>
          </p>
          <CorrelationDriverNote decomposition={preview.decomposition} />
          <StressDecompositionTable breakdown={toStressBreakdown(preview.decomposition)} />
          <form className="flex flex-wrap items-end gap-2" aria-label="Save scenario" onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <label className="text-sm"><span className="block text-slate-600">Name</span>
              <input aria-label="Scenario name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1" /></label>
            <button type="submit" disabled={busy} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">Save as my scenario</button>
          </form>
        </div>
      )}
      <div>
        <h3 className="mb-1 text-xs font-medium text-slate-500">My saved scenarios</h3>
        {saved.length === 0 ? <p className="text-sm text-slate-500">None yet. Saved scenarios are yours alone and run in the nightly for your portfolios.</p> : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="My saved scenarios">
            {saved.map((s) => (
              <li key={s.scenarioId} className="flex items-center justify-between gap-2 py-1" data-scenario={s.scenarioId}>
                <span><span className="font-medium">{s.name}</span> <span className="text-slate-500">{s.description}</span></span>
                <span className="flex gap-2">
                  <button type="button" className="text-indigo-700 hover:underline" onClick={() => { setInputs(toInputs(s.shocks)); setPreview(null); }}>Load</button>
                  <button type="button" className="text-red-700 hover:underline" disabled={busy} onClick={() => void remove(s)}>Delete</button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
