import { resumeInterruptedRuns, startNightlyInProcess } from "../batch/run-in-process";
import type { RunProgressEvent } from "../batch/phase-steps";
import { seedDemoPortfolios } from "../db/seed-demo";
import { latestCompletedTradingDay } from "../base/calendar";
import { ensureOnboardingWorker } from "../batch/onboarding-worker";
import { RunRefusedError, type Trigger } from "../db/batch-runs";
import { finishProgress, printProgress } from "./progress-line";

/**
 * `start`'s demo data and catch-up: the demo portfolios (once), runs a dead process left behind, then the nightly
 * catch-up for every missing trading day (≤ 30), with progress — unless the data is already current.
 */
export async function prepareDemo(options: { log: (line: string) => void; runBatch: boolean }): Promise<void> {
  const latest = latestCompletedTradingDay(new Date());
  const demo = await seedDemoPortfolios(process.env.FACTORWATCH_DEMO_EMAIL ?? "demo@factorwatch.local", latest);
  if (demo.created > 0) options.log(`demo: created ${demo.created} portfolios for the demo user (inception ${demo.inceptionDate})`);
  if (!options.runBatch) return;
  // Symbols queued before a restart are fetched and computed now (R24: the queue resumes after a restart).
  await ensureOnboardingWorker();
  for (const outcome of await resumeInterruptedRuns({ onProgress: printProgress })) {
    finishProgress();
    options.log(`resumed run ${outcome.runId}: ${outcome.status}`);
  }
  await runCatchUp(options.log, "startup", printProgress);
}

/** The nightly catch-up in this process (startup, or the in-process 21:00 ET schedule); refused runs are logged, not thrown. */
export async function runCatchUp(log: (line: string) => void, triggeredBy: Trigger, onProgress?: (event: RunProgressEvent) => void): Promise<void> {
  const latest = latestCompletedTradingDay(new Date());
  let result;
  try {
    result = await startNightlyInProcess({ triggeredBy, onProgress });
  } catch (error) {
    // Another process (or one that just died and still looks alive) holds the nightly lock: serve anyway; the run
    // is resumed by whoever starts after its heartbeat goes stale.
    if (!(error instanceof RunRefusedError)) throw error;
    log(`batch: not started here: ${error.message}`);
    return;
  }
  if (onProgress) finishProgress();
  if (result.dates.length === 0) log(`batch: data is current through ${latest} (no-op run recorded)`);
  else log(`batch: processed ${result.dates.length} trading day(s) ${result.dates[0]} … ${result.dates.at(-1)}: ${result.status}${result.failureReason ? ` (${result.failureReason})` : ""} — run ${result.runId}`);
}
