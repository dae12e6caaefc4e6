"use client";

import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { parsePositionsCsv, type CsvRowError, type PositionInput } from "@/lib/schemas/portfolio";
import { PositionRowsEditor, emptyRow, rowToInput, type FormRow } from "./position-rows-editor";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1";

export function OnboardingForm({ defaultDate }: { defaultDate: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [equity, setEquity] = useState("100000");
  const [rows, setRows] = useState<FormRow[]>([emptyRow(defaultDate)]);
  const [csv, setCsv] = useState("");
  const [csvErrors, setCsvErrors] = useState<CsvRowError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function importCsv(text: string) {
    const { positions, errors } = parsePositionsCsv(text);
    setCsvErrors(errors);
    if (positions.length > 0) {
      const imported = positions.map((p: PositionInput): FormRow => ({
        symbol: p.symbol, quantity: String(p.quantity), entryPrice: String(p.entryPrice), entryDate: p.entryDate,
        positionType: p.positionType ?? "", investmentClass: p.investmentClass ?? "",
      }));
      setRows((current) => [...current.filter((row) => row.symbol.trim() !== ""), ...imported]);
    }
  }
  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) { const text = await file.text(); setCsv(text); importCsv(text); }
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const filled = rows.filter((row) => row.symbol.trim() !== "");
    setPending(true);
    const response = await fetch("/api/portfolios", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, startingEquity: Number(equity), positions: filled.map(rowToInput) }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: string; portfolioId?: string };
    if (!response.ok || !body.portfolioId) { setPending(false); setError(body.error ?? `Creating the portfolio failed (${response.status}).`); return; }
    router.push(`/portfolios/${body.portfolioId}`);
  }
  return (
    <form onSubmit={onSubmit} className="space-y-6" aria-label="New portfolio">
      <div className="flex flex-wrap gap-4">
        <label className="text-sm"><span className="block text-slate-600">Name</span><input aria-label="Portfolio name" value={name} onChange={(e) => setName(e.target.value)} required className={field} /></label>
        <label className="text-sm"><span className="block text-slate-600">Starting equity (USD)</span><input aria-label="Starting equity" aria-describedby="starting-equity-help" type="number" min="1" max="1000000000000" step="0.01" value={equity} onChange={(e) => setEquity(e.target.value)} required className={field} /></label>
      </div>
      <p id="starting-equity-help" className="text-xs text-slate-500">The portfolio&apos;s total value (NAV) on its first day: its first snapshot shows this equity and no P&amp;L, whatever the entry prices. Later days add the positions&apos; moves, realized gains and cash flows.</p>
      <PositionRowsEditor rows={rows} setRows={setRows} defaultDate={defaultDate} />
      <div className="rounded-md border border-slate-200 bg-white p-3">
        <p className="text-sm font-medium">Import CSV <span className="font-normal text-slate-500">symbol,quantity,entry_price,entry_date[,position_type][,investment_class]</span></p>
        <textarea aria-label="CSV" value={csv} onChange={(e) => setCsv(e.target.value)} rows={5} className={`${field} mt-2 w-full font-mono text-xs`} placeholder={"AAPL,100,185.5,2026-01-05\nTSLA,-20,240,2026-01-05,SHORT"} />
        <div className="mt-2 flex items-center gap-3">
          <button type="button" onClick={() => importCsv(csv)} className="rounded-md border border-slate-300 px-3 py-1 text-sm">Add CSV rows</button>
          <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={onFile} className="text-sm" />
        </div>
        {csvErrors.length > 0 && (
          <ul className="mt-2 text-sm text-red-700" aria-label="CSV errors">
            {csvErrors.map((e) => <li key={e.line}>Line {e.line}: {e.message}</li>)}
          </ul>
        )}
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
        {pending ? "Creating…" : "Create portfolio"}
      </button>
    </form>
  );
}
