"use client";

import type { Dispatch, SetStateAction } from "react";

export interface FormRow { symbol: string; quantity: string; entryPrice: string; entryDate: string; positionType: string; investmentClass: string }

export const emptyRow = (date: string): FormRow => ({ symbol: "", quantity: "", entryPrice: "", entryDate: date, positionType: "", investmentClass: "" });

export function rowToInput(row: FormRow) {
  return {
    symbol: row.symbol.trim(), quantity: Number(row.quantity), entryPrice: Number(row.entryPrice), entryDate: row.entryDate,
    ...(row.positionType ? { positionType: row.positionType } : {}),
    ...(row.investmentClass ? { investmentClass: row.investmentClass } : {}),
  };
}

const cell = "w-full rounded border border-slate-300 bg-white px-1.5 py-1 text-sm";

export function PositionRowsEditor({ rows, setRows, defaultDate }: { rows: FormRow[]; setRows: Dispatch<SetStateAction<FormRow[]>>; defaultDate: string }) {
  const update = (index: number, key: keyof FormRow, value: string) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  return (
    <div>
      <table className="w-full text-sm" aria-label="Positions">
        <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Symbol</th><th>Quantity</th><th>Entry price</th><th>Entry date</th><th>Type</th><th>Class</th><th /></tr></thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td><input aria-label={`Symbol ${i + 1}`} value={row.symbol} onChange={(e) => update(i, "symbol", e.target.value)} className={cell} /></td>
              <td><input aria-label={`Quantity ${i + 1}`} type="number" step="any" value={row.quantity} onChange={(e) => update(i, "quantity", e.target.value)} className={cell} /></td>
              <td><input aria-label={`Entry price ${i + 1}`} type="number" step="any" min="0" value={row.entryPrice} onChange={(e) => update(i, "entryPrice", e.target.value)} className={cell} /></td>
              <td><input aria-label={`Entry date ${i + 1}`} type="date" value={row.entryDate} onChange={(e) => update(i, "entryDate", e.target.value)} className={cell} /></td>
              <td><select aria-label={`Type ${i + 1}`} value={row.positionType} onChange={(e) => update(i, "positionType", e.target.value)} className={cell}>
                <option value="">auto</option>{["LONG", "SHORT", "LC", "LP", "SC", "SP"].map((t) => <option key={t}>{t}</option>)}</select></td>
              <td><select aria-label={`Class ${i + 1}`} value={row.investmentClass} onChange={(e) => update(i, "investmentClass", e.target.value)} className={cell}>
                <option value="">auto</option>{["PUBLIC", "OPTIONS", "PRIVATE"].map((t) => <option key={t}>{t}</option>)}</select></td>
              <td><button type="button" aria-label={`Remove row ${i + 1}`} onClick={() => setRows((current) => current.filter((_, j) => j !== i))} className="px-2 text-slate-500 hover:text-red-600">✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows((current) => [...current, emptyRow(defaultDate)])} className="mt-2 rounded-md border border-slate-300 px-3 py-1 text-sm">Add position</button>
    </div>
  );
}
