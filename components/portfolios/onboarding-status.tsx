"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { OnboardingStatus, OnboardingSymbolDto, PortfolioDetail } from "@/lib/schemas/portfolio-dto";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/components/ui/format";

type Snapshot = Pick<PortfolioDetail, "onboarding" | "onboardingActive" | "coverage" | "calcDate">;

const HINT: Record<OnboardingStatus, string> = {
  queued: "waiting for a worker",
  processing: "fetching prices and computing factors",
  completed: "factors ready — included in the exposures",
  failed: "no usable price history; left out of the exposures",
};

const signature = (s: Snapshot) =>
  [s.onboardingActive, s.calcDate, s.coverage?.coveredPositions, s.coverage?.coverage, ...s.onboarding.map((job) => `${job.symbol}:${job.status}`)].join("|");

/**
 * Per-symbol onboarding status. While a job is open (or just finished and the portfolio is being re-aggregated) it polls
 * the portfolio API every 3 s and refreshes the server-rendered page whenever statuses or coverage change.
 */
export function OnboardingStatusPanel({ portfolioId, initial }: { portfolioId: string; initial: Snapshot }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["portfolio-onboarding", portfolioId],
    queryFn: async (): Promise<Snapshot> => {
      const response = await fetch(`/api/portfolios/${portfolioId}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Polling failed (${response.status})`);
      return (await response.json()) as Snapshot;
    },
    enabled: initial.onboardingActive,
    refetchInterval: (query) => ((query.state.data ?? initial).onboardingActive ? 3000 : false),
  });
  const current = signature(initial);
  useEffect(() => {
    if (data && signature(data) !== current) router.refresh();
  }, [data, current, router]);
  const jobs: OnboardingSymbolDto[] = (data ?? initial).onboarding;
  if (jobs.length === 0) return null;
  const open = jobs.some((job) => job.status === "queued" || job.status === "processing");
  return (
    <section aria-label="Symbol onboarding" className={`rounded-xl border p-4 text-sm ${open ? "border-sky-200 bg-sky-50" : "border-slate-200 bg-white"}`}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Symbol onboarding</h2>
        <span role="status" className="text-slate-600">
          {open ? "New symbols are being onboarded — this page updates by itself." : "Onboarding finished."}
        </span>
      </div>
      <ul className="divide-y divide-slate-200/70" aria-label="Onboarding symbols">
        {jobs.map((job) => (
          <li key={job.symbol} className="flex flex-wrap items-center gap-3 py-1.5" data-symbol={job.symbol} data-status={job.status}>
            <span className="w-20 font-mono font-medium">{job.symbol}</span>
            <StatusBadge status={job.status} />
            <span className="text-slate-600">{HINT[job.status]}</span>
            {job.error && <span className="text-red-700">{job.error}</span>}
            <span className="ml-auto text-xs text-slate-500 tabular">
              {job.completedAt ? `finished ${formatDateTime(job.completedAt)}` : `queued ${formatDateTime(job.createdAt)}`}{job.attempts > 1 ? ` · ${job.attempts} attempts` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
