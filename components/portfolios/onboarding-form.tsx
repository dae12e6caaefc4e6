"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from "react";
import { describeEntryPriceWarning, type LastCloseDto } from "@/lib/schemas/last-close";
import { positionInputSchema } from "@/lib/schemas/portfolio";
import { parsePositionsCsv, positionFieldLabel, type CsvRowError } from "@/lib/schemas/positions-csv";
import { messageKey, PositionRowsEditor, emptyRow, rowToInput, type FormRow, type RowField } from "./position-rows-editor";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1";

interface RowProblem { index: number; field: RowField; message: string }

/** Every problem of the filled rows, with the editor's 1-based row and the field in words. */
function validateRows(rows: FormRow[]): RowProblem[] {
  const problems: RowProblem[] = [];
  rows.forEach((row, index) => {
    if (row.symbol.trim() === "") return;
    const parsed = positionInputSchema.safeParse(rowToInput(row));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ index, field: (issue.path[0] as RowField) ?? "symbol", message: issue.message });
    }
  });
  return problems;
}

const isListedRow = (row: FormRow) => row.investmentClass !== "PRIVATE" && row.investmentClass !== "OPTIONS" && !["LC", "LP", "SC", "SP"].includes(row.positionType);

/** Last closes of the listed tickers in the rows, refreshed shortly after typing stops. */
function useLastCloses(rows: FormRow[]): Map<string, LastCloseDto> {
  const [closes, setCloses] = useState(new Map<string, LastCloseDto>());
  const symbols = [...new Set(rows.filter((row) => isListedRow(row) && /^[A-Za-z0-9.-]{1,32}$/.test(row.symbol.trim())).map((row) => row.symbol.trim().toUpperCase()))].sort().join(",");
  useEffect(() => {
    if (symbols === "") return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/portfolios/last-closes?symbols=${encodeURIComponent(symbols)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { closes: [] }))
        .then((body: { closes: LastCloseDto[] }) => setCloses(new Map(body.closes.map((close) => [close.symbol, close]))))
        .catch(() => undefined);
    }, 300);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [symbols]);
  return closes;
}

export function OnboardingForm({ defaultDate }: { defaultDate: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [equity, setEquity] = useState("100000");
  const [rows, setRows] = useState<FormRow[]>([emptyRow(defaultDate)]);
  const [csv, setCsv] = useState("");
  const [csvErrors, setCsvErrors] = useState<CsvRowError[]>([]);
  const [csvNote, setCsvNote] = useState<string | null>(null);
  // Once a submit or an import found a problem, the rows are checked as they are edited, so a fixed field clears.
  const [checking, setChecking] = useState(false);
  const problems = useMemo(() => (checking ? validateRows(rows) : []), [checking, rows]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const closes = useLastCloses(rows);

  const warnings = useMemo(() => {
    const map = new Map<string, string>();
    rows.forEach((row, index) => {
      if (!isListedRow(row)) return;
      const warning = describeEntryPriceWarning(row.symbol.trim().toUpperCase(), Number(row.entryPrice), closes.get(row.symbol.trim().toUpperCase()));
      if (warning) map.set(messageKey(index, "entryPrice"), warning);
    });
    return map;
  }, [rows, closes]);
  const errors = useMemo(() => new Map(problems.map((p) => [messageKey(p.index, p.field), p.message])), [problems]);

  /**
   * Adds the CSV's rows once (the text is consumed, so pressing "Add CSV rows" again adds nothing). A row with a bad
   * field is added too, with that field highlighted for fixing; a row of the wrong shape is only listed.
   */
  function importCsv(text: string, source: string) {
    if (text.trim() === "") { setCsvNote("Nothing to add: paste CSV rows or choose a file."); return; }
    const { entries, errors: rowErrors } = parsePositionsCsv(text);
    setCsvErrors(rowErrors);
    const imported = entries.map(({ cells, position: p }): FormRow => (p
      ? {
        symbol: p.investmentClass === "PRIVATE" ? (p.name ?? p.symbol) : p.symbol, quantity: String(p.quantity), entryPrice: String(p.entryPrice),
        entryDate: p.entryDate, positionType: p.positionType ?? "", investmentClass: p.investmentClass ?? "",
      }
      : {
        symbol: cells[0], quantity: cells[1].replace(/[$,\s]/g, ""), entryPrice: cells[2].replace(/[$,\s]/g, ""), entryDate: cells[3],
        positionType: (cells[4] ?? "").toUpperCase(), investmentClass: (cells[5] ?? "").toUpperCase(),
      }));
    if (imported.length > 0) {
      const next = [...rows.filter((row) => row.symbol.trim() !== ""), ...imported];
      setRows(next);
      if (validateRows(next).length > 0) setChecking(true);
    }
    setCsv("");
    const shapeErrors = rowErrors.filter((e) => e.field === null).length;
    setCsvNote(`Added ${imported.length} row${imported.length === 1 ? "" : "s"} from ${source}${rowErrors.length > shapeErrors ? "; fix the highlighted fields" : ""}${shapeErrors > 0 ? "; rows of the wrong shape were not added" : ""}.`);
  }
  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) importCsv(await file.text(), file.name);
    event.target.value = "";
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = validateRows(rows);
    setChecking(true);
    if (found.length > 0) {
      const first = found[0];
      document.querySelector<HTMLElement>(`[aria-label="${first.field === "positionType" ? "Type" : first.field === "investmentClass" ? "Class" : first.field === "entryPrice" ? "Entry price" : first.field === "entryDate" ? "Entry date" : first.field === "quantity" ? "Quantity" : "Symbol"} ${first.index + 1}"]`)?.focus();
      return;
    }
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
      <p id="starting-equity-help" className="text-xs text-slate-600">The portfolio&apos;s total value (NAV) on its first day: its first snapshot shows this equity and no P&amp;L, whatever the entry prices. Later days add the positions&apos; moves, realized gains and cash flows.</p>
      <PositionRowsEditor rows={rows} setRows={setRows} defaultDate={defaultDate} errors={errors} warnings={warnings} />
      {warnings.size > 0 && (
        <ul role="status" aria-label="Entry price warnings" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {[...warnings.values()].map((warning) => <li key={warning}>{warning}</li>)}
        </ul>
      )}
      <div className="rounded-md border border-slate-200 bg-white p-3">
        <p className="text-sm font-medium">Import CSV <span className="font-normal text-slate-600"><code className="[overflow-wrap:anywhere]">symbol,quantity,entry_price,entry_date[,position_type][,investment_class]</code> — quote a cell that holds commas: &quot;Acme Fund II, L.P.&quot;</span></p>
        <textarea aria-label="CSV" value={csv} onChange={(e) => setCsv(e.target.value)} rows={5} className={`${field} mt-2 w-full font-mono text-xs`} placeholder={"AAPL,100,185.5,2026-01-05\nTSLA,-20,240,2026-01-05,SHORT\n\"Acme Private Credit Fund II, L.P.\",1,250000,2026-01-05,LONG,PRIVATE"} />
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <button type="button" onClick={() => importCsv(csv, "the text box")} className="rounded-md border border-slate-300 px-3 py-1 text-sm">Add CSV rows</button>
          <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={onFile} className="text-sm" />
        </div>
        {csvNote && <p role="status" className="mt-2 text-sm text-slate-700">{csvNote}</p>}
        {csvErrors.length > 0 && (
          <ul className="mt-2 text-sm text-red-700" aria-label="CSV errors">
            {csvErrors.map((e, i) => <li key={i}>Row {e.row}{e.field ? `, ${e.field}` : ""}: {e.message}</li>)}
          </ul>
        )}
      </div>
      {problems.length > 0 && (
        <ul role="alert" aria-label="Position errors" className="text-sm text-red-700">
          {problems.map((p, i) => <li key={i}>Row {p.index + 1}, {positionFieldLabel(p.field) ?? p.field}: {p.message}</li>)}
        </ul>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
        {pending ? "Creating…" : "Create portfolio"}
      </button>
    </form>
  );
}
