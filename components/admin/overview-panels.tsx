import Link from "next/link";
import type { AdminOverview } from "@/lib/schemas/admin-dto";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPctPoints } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/empty-state";


export function AlertList({ alerts }: { alerts: AdminOverview["alerts"] }) {
  if (alerts.length === 0) return <div className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800" aria-label="Alerts">No alerts.</div>;
  return (
    <ul className="mb-6 space-y-2" aria-label="Alerts">
      {alerts.map((alert, i) => (
        <li key={i} role="alert" data-kind={alert.kind}
          className={`rounded-md border p-3 text-sm ${alert.severity === "critical" ? "border-red-200 bg-red-50 text-red-800" : "border-amber-200 bg-amber-50 text-amber-900"}`}>
          <span className="font-semibold uppercase">{alert.severity}</span> — {alert.message}
          {alert.runId && <> <Link className="underline" href={`/admin/runs/${alert.runId}`}>run</Link></>}
        </li>
      ))}
    </ul>
  );
}

export function LastRunsCard({ runs }: { runs: AdminOverview["lastRuns"] }) {
  return (
    <Card title="Last run per job type">
      {runs.length === 0 ? <EmptyState testId="last-runs-empty" action={{ href: "/admin/actions", label: "Start one from Actions." }}>No runs yet — the nightly batch runs at 21:00 ET, or backfill recent dates now.</EmptyState> : (
        <div className="overflow-x-auto" tabIndex={0}><table className="w-full text-sm" aria-label="Last runs">
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-slate-100" data-job-type={run.jobType}>
                <td className="py-1.5 font-medium">{run.jobType}</td>
                <td><StatusBadge status={run.status} /></td>
                <td className="tabular">{formatDuration(run.durationMs)}</td>
                <td className="tabular text-slate-600">{formatDateTime(run.startedAt)}</td>
                <td><Link href={`/admin/runs/${run.id}`} className="text-indigo-700 hover:underline">details</Link></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </Card>
  );
}

export function FreshnessCard({ items, expectedDate }: { items: AdminOverview["freshness"]; expectedDate: string }) {
  return (
    <Card title={`Data freshness (expected ${expectedDate})`}>
      {items.length === 0 && <EmptyState action={{ href: "/admin/actions", label: "Backfill from Actions." }}>No data sources to check yet.</EmptyState>}
      <ul className="space-y-1.5 text-sm" aria-label="Data freshness">
        {items.map((item) => (
          <li key={item.label} className="flex items-center justify-between" data-level={item.level}>
            <span>{item.label}</span>
            <span className="flex items-center gap-2 tabular">
              <span className="text-slate-600">{item.latestDate ? formatDate(item.latestDate) : "no data"}</span>
              <StatusBadge status={item.level} label={item.lagTradingDays === null ? "no data" : `${formatNumber(item.lagTradingDays, 0)} trading ${item.lagTradingDays === 1 ? "day" : "days"} behind`} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function CacheCard({ cache }: { cache: AdminOverview["cache"] }) {
  return (
    <Card title="Symbol cache (this process)">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Initialized</dt><dd>{cache.initialized ? "yes" : "no"}{cache.initError && <span className="text-red-600"> — {cache.initError}</span>}</dd>
        <dt className="text-slate-500">Factor dates</dt><dd className="tabular">{formatNumber(cache.factorDates.length, 0)} ({formatDate(cache.factorDates.at(-1))})</dd>
        <dt className="text-slate-500">Factor entries</dt><dd className="tabular">{formatNumber(cache.factorEntries, 0)}</dd>
        <dt className="text-slate-500">Price entries</dt><dd className="tabular">{formatNumber(cache.priceEntries, 0)}</dd>
        <dt className="text-slate-500">Hit rate</dt><dd className="tabular">{formatPctPoints(cache.hitRatePct, 1)} ({formatNumber(cache.hits, 0)} hits, {formatNumber(cache.misses, 0)} misses, {formatNumber(cache.dbFallbacks, 0)} DB fallbacks)</dd>
      </dl>
    </Card>
  );
}

export function OnboardingCard({ onboarding }: { onboarding: AdminOverview["onboarding"] }) {
  return (
    <Card title="Onboarding queue">
      <div className="mb-2 flex gap-3 text-sm">
        {Object.entries(onboarding.counts).map(([status, n]) => <span key={status}><StatusBadge status={status} /> <span className="tabular">{formatNumber(n, 0)}</span></span>)}
      </div>
      {onboarding.recent.length === 0 ? <EmptyState>No onboarding jobs — a job is queued when a portfolio adds a symbol that is not in the universe yet.</EmptyState> : (
        <ul className="text-sm">
          {onboarding.recent.map((job) => (
            <li key={job.id} className="flex justify-between border-t border-slate-100 py-1">
              <span className="font-mono">{job.symbol}</span><StatusBadge status={job.status} />
              <span className="text-xs text-slate-500">{job.error ?? formatDateTime(job.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
