import Link from "next/link";
import type { SymbolAdmin } from "@/lib/schemas/symbol-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDate, formatDateTime, formatNumber } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/empty-state";
import { RetryUnpricedButton } from "./retry-unpriced-button";

export function UniverseTable({ rows }: { rows: SymbolAdmin["universe"] }) {
  if (rows.length === 0) return <EmptyState testId="universe-empty" action={{ href: "/admin/actions", label: "Run a backfill from Actions." }}>The symbol universe is empty — symbols are loaded by the nightly run (21:00 ET) and when a portfolio adds positions.</EmptyState>;
  return (
    <div className="max-h-[32rem] overflow-auto" tabIndex={0}>
      <table className="w-full text-sm" aria-label="Symbol universe">
        <thead className="sticky top-0 bg-white text-left text-xs uppercase text-slate-500"><tr><th>Symbol</th><th>Status</th><th>Sector</th><th>Last price</th><th className="text-right">Positions</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.symbol} className="border-t border-slate-100" data-symbol={row.symbol}>
              <td className="py-1 font-mono"><Link href={`/admin/factors/${encodeURIComponent(row.symbol)}`} className="text-indigo-700 hover:underline">{row.symbol}</Link></td>
              <td><StatusBadge status={row.isActive ? "ok" : "skipped"} label={row.isActive ? "active" : "inactive"} />{row.inactiveReason && <span className="ml-1 text-xs text-slate-500">{row.inactiveReason}</span>}</td>
              <td className="text-slate-600">{row.sector ?? "—"}</td>
              <td className="tabular">{formatDate(row.lastPriceDate)}</td>
              <td className="text-right tabular">{formatNumber(row.positions, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OnboardingJobsTable({ rows }: { rows: SymbolAdmin["jobs"] }) {
  if (rows.length === 0) return <EmptyState>No onboarding jobs — a job is queued when a portfolio adds a symbol that is not in the universe yet; it fetches prices and computes its factors.</EmptyState>;
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Onboarding jobs">
      <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Symbol</th><th>Status</th><th className="text-right">Attempts</th><th className="pl-4">Created</th><th className="pl-4">Error</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-t border-slate-100"><td className="py-1 font-mono">{row.symbol}</td><td><StatusBadge status={row.status} /></td>
            <td className="text-right tabular">{formatNumber(row.attempts, 0)}</td><td className="pl-4 tabular whitespace-nowrap">{formatDateTime(row.createdAt)}</td><td className="pl-4 text-xs text-red-700">{row.error ?? ""}</td></tr>
        ))}
      </tbody>
    </table></div>
  );
}

export function FilteredSymbolsTable({ rows }: { rows: SymbolAdmin["filtered"] }) {
  if (rows.length === 0) return <EmptyState>No position symbol is filtered — private (FO_/EQ_ prefix), option and synthetic holdings would be listed here with the rule that excludes them.</EmptyState>;
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Filtered symbols">
      <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Symbol</th><th>Kind</th><th>Rule</th><th className="text-right">Positions</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.symbol} className="border-t border-slate-100" data-symbol={row.symbol}><td className="py-1 font-mono">{row.symbol}</td><td>{row.kind}</td><td className="text-slate-600">{row.rule}</td><td className="text-right tabular">{formatNumber(row.positions, 0)}</td></tr>
        ))}
      </tbody>
    </table></div>
  );
}

export function UnpricedSymbolsTable({ rows }: { rows: SymbolAdmin["unpriced"] }) {
  if (rows.length === 0) return <EmptyState testId="unpriced-empty">No unpriced symbol — a symbol that fails pricing on three trading days in a row is listed here and left out of the nightly.</EmptyState>;
  return (
    <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Unpriced symbols">
      <thead className="text-left text-xs uppercase text-slate-500"><tr><th>Symbol</th><th>Failed on</th><th>Last error</th><th className="text-right">Positions</th><th /></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.symbol} className="border-t border-slate-100" data-symbol={row.symbol}>
            <td className="py-1 font-mono">{row.symbol}</td><td className="tabular whitespace-nowrap">{row.failedDates.map(formatDate).join(", ")}</td>
            <td className="text-xs text-red-700">{row.lastError}</td><td className="text-right tabular">{formatNumber(row.positions, 0)}</td>
            <td className="pl-2 text-right"><RetryUnpricedButton symbol={row.symbol} /></td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}
