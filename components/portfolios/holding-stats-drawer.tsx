"use client";

import { useEffect, useRef } from "react";
import { NONE, type HoldingView } from "./portfolio-views";
import { StatusBadge } from "@/components/ui/status-badge";

const NO_FACTORS: Record<HoldingView["factorStatus"], string> = {
  ready: "",
  queued: "This symbol is queued for onboarding; its prices and factor regressions are being computed and appear here when done.",
  failed: "Onboarding this symbol failed (no usable price history). It is left out of the portfolio's factor exposures.",
  excluded: "Private, options or synthetic holdings have no factor regressions; they count towards the private allocation, not factor coverage.",
  missing: "No factor regressions yet for this symbol — they are computed by the next nightly run (21:00 ET).",
  "no data": "No price could be found for this symbol on three trading days in a row, so it is left out (no data). An admin can retry it from the Symbols page.",
};

/**
 * A modal drawer: it takes focus when it opens (its Close button), keeps Tab inside itself, closes on Escape, and
 * gives focus back to what opened it (the holding's row button) when it closes.
 */
export function HoldingStatsDrawer({ holding, factorNames, onClose }: { holding: HoldingView; factorNames: string[]; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => { if (opener?.isConnected) opener.focus(); };
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
      if (event.key !== "Tab" || !dialog.current) return;
      const focusable = [...dialog.current.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])")];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const title = holding.name ?? holding.symbol;
  const stats = holding.stats;
  const th = "px-2 py-1.5 text-right font-medium";
  return (
    <>
      <div className="fixed inset-0 z-10 bg-slate-900/20" onClick={onClose} aria-hidden />
      <div ref={dialog} role="dialog" aria-modal="true" aria-label={`Statistics for ${title}`} className="fixed inset-y-0 right-0 z-20 w-full max-w-3xl overflow-y-auto border-l border-slate-200 bg-white p-6 shadow-2xl">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-lg font-semibold">{holding.name ? <span>{holding.name} <span className="font-mono text-sm text-slate-600">{holding.symbol}</span></span> : <span className="font-mono">{holding.symbol}</span>} — factor statistics</h2>
          <button ref={close} type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">Close</button>
        </div>
        <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{holding.positionType}</span><span>·</span><span className="tabular">quantity {holding.quantity}</span><span>·</span>
          <span className="tabular">market value {holding.marketValue}</span><span>·</span><span>{holding.kind}</span>
          <StatusBadge status={holding.factorStatus} label={`factors ${holding.factorStatus}`} />
        </p>
        {!stats ? (
          <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="no-factors">{NO_FACTORS[holding.factorStatus]}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0}><table className="w-full border-collapse text-sm" aria-label={`Factor statistics for ${holding.symbol}`}>
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                <th className="py-1.5 pr-2 text-left font-medium">Factor</th>
                <th className={th} title="Regression coefficient">Beta</th>
                <th className={th} title="Standard error">SE</th>
                <th className={th}>t-stat</th>
                <th className={th}>p-value</th>
                <th className={th}>R²</th>
                <th className={th} title="Observations">n</th>
                <th className="py-1.5 pl-4 text-left font-medium">Window</th>
              </tr>
            </thead>
            <tbody>
              {factorNames.map((name, i) => (
                <tr key={name} className="border-t border-slate-100" data-factor={name}>
                  <td className="py-1 pr-2 whitespace-nowrap">{name}</td>
                  <td className="px-2 text-right tabular whitespace-nowrap" data-value="beta">{holding.betas[i] || NONE}{stats.isCapped[i] && <span className="ml-1 text-xs text-amber-700">capped</span>}</td>
                  <td className="px-2 text-right tabular">{stats.standardError[i]}</td>
                  <td className="px-2 text-right tabular">{stats.tStat[i]}</td>
                  <td className="px-2 text-right tabular" data-value="p">{stats.pValue[i]}</td>
                  <td className="px-2 text-right tabular">{stats.rSquared[i]}</td>
                  <td className="px-2 text-right tabular" data-value="n">{stats.n[i]}</td>
                  <td className="pl-4 tabular whitespace-nowrap text-slate-600" data-value="window">{stats.window[i]}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </div>
    </>
  );
}
