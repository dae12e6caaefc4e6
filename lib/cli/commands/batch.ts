import type { Command } from "commander";
import { PIPELINE } from "../../batch/pipeline";
import { executeRun, resumeRun, startNightlyInProcess, type RunOutcome } from "../../batch/run-in-process";
import { createRun, HEARTBEAT_INTERVAL_MS } from "../../batch/run-lifecycle";
import { planToRunParams, previewBackfill, previewRerun, validateBackfillRequest, validateRerunRequest, type Reprocess } from "../../batch/run-plans";
import { getHeartbeatAgeMs, getRunOrThrow } from "../../db/batch-runs";
import { CliError, withCliErrors } from "../cli-error";
import { out, withDatabase } from "../with-database";
import { registerBatchInspectCommands } from "./batch-inspect";
import { finishProgress, printProgress } from "../progress-line";

const log = out;

function report(outcome: RunOutcome): void {
  finishProgress();
  for (const phase of outcome.phases) {
    log(`${phase.date}  ${phase.phase.padEnd(27)} ${phase.status.padEnd(9)} done ${phase.itemsDone}, failed ${phase.itemsFailed}`);
  }
  log(`run ${outcome.runId}: ${outcome.status}${outcome.failureReason ? ` (${outcome.failureReason})` : ""}`);
  if (outcome.status === "failed") process.exitCode = 1;
}

export function registerBatchCommands(program: Command): void {
  const batch = program.command("batch").description("run, backfill and inspect the nightly batch (in this process)");

  batch.command("run")
    .description("the nightly catch-up; with --date, that date's phases; with --phase, one phase")
    .option("--date <date>", "a trading date YYYY-MM-DD")
    .option("--phase <key>", `one of ${PIPELINE.map((phase) => phase.key).join(", ")}`)
    .option("--only-failed", "with --phase: only the symbols that failed last time")
    .action(withCliErrors(async (options: { date?: string; phase?: string; onlyFailed?: boolean }) => withDatabase(async () => {
      if (!options.date) {
        if (options.phase) throw new CliError("--phase needs --date.", 2);
        const outcome = await startNightlyInProcess({ triggeredBy: "cli", onProgress: printProgress });
        if (outcome.dates.length === 0) log("data is current: nothing to do (no-op run recorded)");
        report(outcome);
        return;
      }
      const plan = await previewRerun({ date: options.date, phase: options.phase, onlyFailed: options.onlyFailed });
      const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: planToRunParams(plan, { ...options }) });
      report(await executeRun(lease, { onProgress: printProgress }));
    }, () => {
      if (options.date) validateRerunRequest({ date: options.date, phase: options.phase });
    })));

  batch.command("backfill")
    .description("process a date range (oldest first)")
    .requiredOption("--from <date>", "first date YYYY-MM-DD")
    .requiredOption("--to <date>", "last date YYYY-MM-DD")
    .option("--reprocess <which>", "missing | failed | all", "missing")
    .option("--yes", "confirm a range of more than 366 trading days")
    .option("--dry-run", "print the plan only")
    .action(withCliErrors(async (options: { from: string; to: string; reprocess: string; yes?: boolean; dryRun?: boolean }) => withDatabase(async () => {
      const plan = await previewBackfill({ from: options.from, to: options.to, reprocess: options.reprocess as Reprocess, confirmLargeRange: options.yes });
      for (const warning of plan.warnings) log(`note: ${warning}`);
      log(`dates (${plan.dates.length}): ${plan.dates.join(" ")}`);
      if (options.dryRun || plan.dates.length === 0) return;
      const lease = await createRun({ jobType: "backfill", triggeredBy: "cli", params: planToRunParams(plan, { ...options }) });
      report(await executeRun(lease, { onProgress: printProgress }));
    }, () => void validateBackfillRequest(options))));

  batch.command("resume")
    .description("resume a run from its last completed step")
    .argument("<runId>", "the run id")
    .option("--force", "take over a run whose process is gone although its heartbeat is still recent")
    .action(withCliErrors(async (runId: string, options: { force?: boolean }) => withDatabase(async () => {
      const ageMs = await getHeartbeatAgeMs(runId);
      const run = await getRunOrThrow(runId);
      // An in-process run beats every 5 s: three missed beats mean its process is gone. An Inngest run is only
      // taken from Inngest once its lease is stale (its step timeout), or with --force.
      const goneAfterMs = run.engine === "inngest" ? run.staleAfterMs : 3 * HEARTBEAT_INTERVAL_MS;
      if (ageMs !== null && ageMs < goneAfterMs && !options.force) {
        throw new CliError(`Run ${runId} is still running in another process (last heartbeat ${(ageMs / 1000).toFixed(0)} s ago); resume it once its heartbeat is older than ${goneAfterMs / 1000} s, or pass --force if that process is gone.`, 2);
      }
      report(await resumeRun(runId, { onProgress: printProgress, force: true }));
    })));

  registerBatchInspectCommands(batch);
}
