import Link from "next/link";
import type { AdminOverview } from "@/lib/schemas/admin-dto";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration } from "@/components/ui/format";

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
      {runs.length === 0 ? <p className="text-slate-500">No runs yet.</p> : (
        <table className="w-full text-sm" aria-label="Last runs">
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
        </table>
      )}
    </Card>
  );
}

export function FreshnessCard({ items, expectedDate }: { items: AdminOverview["freshness"]; expectedDate: string }) {
  return (
    <Card title={`Data freshness (expected ${expectedDate})`}>
      <ul className="space-y-1.5 text-sm" aria-label="Data freshness">
        {items.map((item) => (
          <li key={item.label} className="flex items-center justify-between" data-level={item.level}>
            <span>{item.label}</span>
            <span className="flex items-center gap-2 tabular">
              <span className="text-slate-600">{item.latestDate ?? "no data"}</span>
              <StatusBadge status={item.level} label={item.lagTradingDays === null ? "no data" : `${item.lagTradingDays} trading days behind`} />
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
        <dt className="text-slate-500">Factor dates</dt><dd className="tabular">{cache.factorDates.length} ({cache.factorDates.at(-1) ?? "—"})</dd>
        <dt className="text-slate-500">Factor entries</dt><dd className="tabular">{cache.factorEntries}</dd>
        <dt className="text-slate-500">Price entries</dt><dd className="tabular">{cache.priceEntries}</dd>
        <dt className="text-slate-500">Hit rate</dt><dd className="tabular">{cache.hitRatePct.toFixed(1)}% ({cache.hits} hits, {cache.misses} misses, {cache.dbFallbacks} DB fallbacks)</dd>
      </dl>
    </Card>
  );
}

export function OnboardingCard({ onboarding }: { onboarding: AdminOverview["onboarding"] }) {
  return (
    <Card title="Onboarding queue">
      <div className="mb-2 flex gap-3 text-sm">
        {Object.entries(onboarding.counts).map(([status, n]) => <span key={status}><StatusBadge status={status} /> <span className="tabular">{n}</span></span>)}
      </div>
      {onboarding.recent.length === 0 ? <p className="text-sm text-slate-500">No onboarding jobs.</p> : (
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
