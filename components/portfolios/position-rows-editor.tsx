"use client";

import type { Dispatch, SetStateAction } from "react";

export interface FormRow { symbol: string; quantity: string; entryPrice: string; entryDate: string; positionType: string; investmentClass: string }
export type RowField = keyof FormRow;

export const emptyRow = (date: string): FormRow => ({ symbol: "", quantity: "", entryPrice: "", entryDate: date, positionType: "", investmentClass: "" });

export function rowToInput(row: FormRow) {
  return {
    symbol: row.symbol.trim(), quantity: row.quantity.trim() === "" ? Number.NaN : Number(row.quantity),
    entryPrice: row.entryPrice.trim() === "" ? Number.NaN : Number(row.entryPrice), entryDate: row.entryDate,
    ...(row.positionType ? { positionType: row.positionType } : {}),
    ...(row.investmentClass ? { investmentClass: row.investmentClass } : {}),
  };
}

/** Problems and warnings of the editor's rows, keyed `${rowIndex}:${field}`. */
export type RowMessages = ReadonlyMap<string, string>;
export const messageKey = (index: number, field: RowField) => `${index}:${field}`;

const cell = "w-full rounded border bg-white px-1.5 py-1 text-sm";
const TYPE_CODES: Record<string, string> = {
  LONG: "LONG", SHORT: "SHORT", LC: "LC · long call", LP: "LP · long put", SC: "SC · short call", SP: "SP · short put",
};

export function PositionRowsEditor({ rows, setRows, defaultDate, errors, warnings }: {
  rows: FormRow[]; setRows: Dispatch<SetStateAction<FormRow[]>>; defaultDate: string; errors: RowMessages; warnings: RowMessages;
}) {
  const update = (index: number, key: keyof FormRow, value: string) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  const props = (index: number, field: RowField) => {
    const error = errors.get(messageKey(index, field));
    const warning = warnings.get(messageKey(index, field));
    const border = error ? "border-red-600 ring-1 ring-red-600" : warning ? "border-amber-500 ring-1 ring-amber-500" : "border-slate-300";
    const described = [error ? `row-error-${index}-${field}` : "", warning ? `row-warning-${index}-${field}` : "", field === "positionType" || field === "investmentClass" || field === "symbol" ? "type-codes-help" : ""]
      .filter(Boolean).join(" ");
    return { "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined, className: `${cell} ${border}`, "data-field": field };
  };
  const note = (index: number, field: RowField) => {
    const error = errors.get(messageKey(index, field));
    const warning = warnings.get(messageKey(index, field));
    return (
      <>
        {error && <span id={`row-error-${index}-${field}`} className="mt-0.5 block text-xs text-red-700">{error}</span>}
        {warning && <span id={`row-warning-${index}-${field}`} className="mt-0.5 block text-xs text-amber-800">{warning}</span>}
      </>
    );
  };
  return (
    <div>
      <div className="relative overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Positions">
        <thead className="text-left text-xs uppercase text-slate-600"><tr><th className="w-1/3">Symbol or private name</th><th>Quantity</th><th>Entry price</th><th>Entry date</th><th>Type</th><th>Class</th><th><span className="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="align-top">
              <td><input aria-label={`Symbol ${i + 1}`} value={row.symbol} maxLength={100} onChange={(e) => update(i, "symbol", e.target.value)} placeholder={row.investmentClass === "PRIVATE" ? "name, e.g. Acme Fund II, L.P." : "ticker, e.g. MSFT"} {...props(i, "symbol")} />{note(i, "symbol")}</td>
              <td><input aria-label={`Quantity ${i + 1}`} type="number" step="any" value={row.quantity} onChange={(e) => update(i, "quantity", e.target.value)} {...props(i, "quantity")} />{note(i, "quantity")}</td>
              <td><input aria-label={`Entry price ${i + 1}`} type="number" step="any" min="0" value={row.entryPrice} onChange={(e) => update(i, "entryPrice", e.target.value)} {...props(i, "entryPrice")} />{note(i, "entryPrice")}</td>
              <td><input aria-label={`Entry date ${i + 1}`} type="date" value={row.entryDate} onChange={(e) => update(i, "entryDate", e.target.value)} {...props(i, "entryDate")} />{note(i, "entryDate")}</td>
              <td><select aria-label={`Type ${i + 1}`} value={row.positionType} onChange={(e) => update(i, "positionType", e.target.value)} {...props(i, "positionType")}>
                <option value="">auto</option>{Object.entries(TYPE_CODES).map(([code, label]) => <option key={code} value={code}>{label}</option>)}</select>{note(i, "positionType")}</td>
              <td><select aria-label={`Class ${i + 1}`} value={row.investmentClass} onChange={(e) => update(i, "investmentClass", e.target.value)} {...props(i, "investmentClass")}>
                <option value="">auto</option><option value="PUBLIC">PUBLIC</option><option value="OPTIONS">OPTIONS</option><option value="PRIVATE">PRIVATE</option></select>{note(i, "investmentClass")}</td>
              <td><button type="button" aria-label={`Remove row ${i + 1}`} onClick={() => setRows((current) => current.filter((_, j) => j !== i))} className="px-2 text-slate-600 hover:text-red-600">✕</button></td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <p id="type-codes-help" className="mt-2 text-xs text-slate-600">
        Type: LONG owns shares, SHORT is sold short (auto: LONG, or SHORT for a negative quantity); for listed options
        LC = long call, LP = long put, SC = short call, SP = short put (100 shares per contract). Class: PUBLIC for listed
        stocks and ETFs, OPTIONS for listed options, PRIVATE for assets without a ticker: type their name as it reads
        (&ldquo;Acme Private Credit Fund II, L.P.&rdquo;, up to 100 characters); it is never sent to a market-data provider.
      </p>
      <button type="button" onClick={() => setRows((current) => [...current, emptyRow(defaultDate)])} className="mt-2 rounded-md border border-slate-300 px-3 py-1 text-sm">Add position</button>
    </div>
  );
}
