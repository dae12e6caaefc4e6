/**
 * The onboarding worker (one per process; several processes share the queue with SKIP LOCKED): it sweeps jobs whose
 * worker is gone (requeued, or failed after 3 attempts), claims up to ONBOARDING_JOBS_PER_RUN jobs under a lease and
 * processes them in one onboarding run — the symbols' valuations, prices and factors, then a refresh of every
 * portfolio that waits for them — and finishes each job with its outcome. Portfolios that started waiting while the
 * run was under way are refreshed by a second run.
 */
import { listRunErrorDetails } from "../db/batch-phase-runs";
import {
  beatOnboardingJobs, claimOnboardingJobs, finishOnboardingJob, listJobWaiters, listSymbolsWithFactors, setOnboardingJobsRun,
  sweepAbandonedOnboardingJobs, type ClaimedOnboardingJob,
} from "../db/onboarding-jobs";
import { HEARTBEAT_INTERVAL_MS, newRunnerOwner } from "./run-lifecycle";
import { ONBOARDING_SYMBOL_PHASES, onboardingDate, portfolioRefreshWork, startOnboardingRun } from "./onboarding-runs";
import type { WorkItem } from "./run-work";

/** Symbols one onboarding run fetches and computes together. */
export const ONBOARDING_JOBS_PER_RUN = 3;

/** Processes claimed jobs of one date in one onboarding run; returns the run id. */
async function processJobsOfDate(date: string, jobs: ClaimedOnboardingJob[], owner: string): Promise<string> {
  const jobIds = jobs.map((job) => job.id);
  const symbols = jobs.map((job) => job.symbol).sort();
  const waiters = await listJobWaiters(jobIds);
  const work: WorkItem[] = [{ date, phases: [...ONBOARDING_SYMBOL_PHASES], symbols }];
  if (waiters.length > 0) work.push(portfolioRefreshWork(date, waiters));
  const beat = setInterval(() => void beatOnboardingJobs(jobIds, owner).catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  beat.unref();
  let runId: string;
  try {
    const { lease, done } = await startOnboardingRun(work, { request: { symbols, jobs: jobIds }, owner });
    runId = lease.runId;
    await setOnboardingJobsRun(jobIds, owner, runId);
    await done;
  } finally {
    clearInterval(beat);
  }
  const computed = new Set(await listSymbolsWithFactors(date, symbols));
  const errors = await listRunErrorDetails(runId);
  for (const job of jobs) {
    const reason = computed.has(job.symbol) ? null
      : errors.find((error) => error.symbol === job.symbol)?.message ?? `no factors could be computed for ${job.symbol} on ${date}`;
    await finishOnboardingJob(job.id, owner, reason);
  }
  const late = (await listJobWaiters(jobIds)).filter((id) => !waiters.includes(id));
  if (late.length > 0) await (await startOnboardingRun([portfolioRefreshWork(date, late)], { request: { waitedFor: symbols } })).done;
  return runId;
}

/** One claimed batch: jobs grouped by the date they were queued for (an old job without one uses today's). */
export async function processOnboardingJobs(jobs: ClaimedOnboardingJob[], owner: string): Promise<string[]> {
  const fallback = jobs.some((job) => job.calcDate === null) ? await onboardingDate() : null;
  const byDate = new Map<string, ClaimedOnboardingJob[]>();
  for (const job of jobs) {
    const date = job.calcDate ?? fallback!;
    byDate.set(date, [...(byDate.get(date) ?? []), job]);
  }
  const runIds: string[] = [];
  for (const [date, ofDate] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) runIds.push(await processJobsOfDate(date, ofDate, owner));
  return runIds;
}

let worker: Promise<void> | null = null;
/** Set by every request for the worker; a request that arrives while the worker winds down restarts it. */
let requested = false;

/** Starts (once per process) the worker that drains the queue; jobs whose worker is gone are swept first. */
export function ensureOnboardingWorker(): Promise<void> {
  requested = true;
  worker ??= (async () => {
    while (requested) {
      requested = false;
      for (;;) {
        await sweepAbandonedOnboardingJobs();
        const owner = newRunnerOwner();
        const jobs = await claimOnboardingJobs(ONBOARDING_JOBS_PER_RUN, owner);
        if (jobs.length === 0) break;
        await processOnboardingJobs(jobs, owner);
      }
    }
  })()
    .catch((error: unknown) => console.error("onboarding worker stopped:", error))
    .finally(() => {
      worker = null;
      if (requested) void ensureOnboardingWorker();
    });
  return worker;
}
