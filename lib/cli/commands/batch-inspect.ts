/** `batch status` (recent runs and their phases, `--json`) and `batch clear` (a date's calculated rows). */
import type { Command } from "commander";
import { PIPELINE } from "../../batch/pipeline";
import { PHASE_KEYS } from "../../batch/phase-types";
import { listPhaseRowsOfRuns } from "../../db/batch-phase-runs";
import { listRecentRuns } from "../../db/batch-runs";
import { clearDateRows, countDateRows, findRunHoldingDate, tablesToClear, type ClearablePhase } from "../../db/date-rows";
import { isIsoDate, isTradingDay } from "../../base/calendar";
import { CliError, withCliErrors } from "../cli-error";
import { out, withDatabase } from "../with-database";

const CLEARABLE: ClearablePhase[] = ["phase_3_factors", "phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"];

async function printStatus(limit: number, json: boolean): Promise<void> {
  const runs = await listRecentRuns(limit);
  const phases = await listPhaseRowsOfRuns(runs.map((run) => run.id));
  const order = (phase: string) => (PHASE_KEYS as readonly string[]).indexOf(phase);
  const phasesOf = (runId: string) => phases.filter((row) => row.runId === runId)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order(a.phase) - order(b.phase)))
    .map(({ runId: _runId, ...row }) => row);
  if (json) {
    out(JSON.stringify(runs.map((run) => ({
      id: run.id, jobType: run.jobType, status: run.status, triggeredBy: run.triggeredBy, calcDates: run.calcDates,
      failureReason: run.failureReason, ...(run.waitingFor ? { waitingFor: run.waitingFor } : {}), phases: phasesOf(run.id),
    })), null, 2));
    return;
  }
  if (runs.length === 0) out("no runs yet");
  for (const run of runs) {
    const dates = run.calcDates.length ? `${run.calcDates[0]}${run.calcDates.length > 1 ? `…${run.calcDates.at(-1)} (${run.calcDates.length})` : ""}` : "no-op";
    const duration = run.durationMs === null ? (run.waitingFor ?? "running") : `${(run.durationMs / 1000).toFixed(1)}s`;
    out(`${run.startedAt.toISOString()}  ${run.jobType.padEnd(10)} ${run.status.padEnd(9)} ${duration.padStart(8)}  ${run.triggeredBy.padEnd(10)} ${dates}  ${run.id}${run.failureReason ? `  ${run.failureReason}` : ""}`);
    for (const phase of phasesOf(run.id).filter((row) => row.status !== "completed" && row.status !== "skipped")) {
      out(`    ${phase.date} ${phase.phase.padEnd(27)} ${phase.status.padEnd(9)} done ${phase.itemsDone}, failed ${phase.itemsFailed}${phase.errors[0] ? `: ${phase.errors[0].message}` : ""}`);
    }
  }
}

function checkClearArgs(options: { date: string; phase?: string }): ClearablePhase[] {
  if (!isIsoDate(options.date)) throw new CliError(`--date must be a date like 2026-11-27, got "${options.date}".`, 2);
  if (!isTradingDay(options.date)) throw new CliError(`${options.date} is not an NYSE trading day; it has no calculated rows.`, 2);
  if (options.phase === undefined) return CLEARABLE;
  if (!(PHASE_KEYS as readonly string[]).includes(options.phase)) throw new CliError(`Unknown phase "${options.phase}"; phases are ${PHASE_KEYS.join(", ")}.`, 2);
  if (!(CLEARABLE as string[]).includes(options.phase)) {
    const label = PIPELINE.find((spec) => spec.key === options.phase)?.label ?? options.phase;
    throw new CliError(`${options.phase} (${label}) stores no rows of its own for a date: prices and valuations are inputs and stay. Clear one of ${CLEARABLE.join(", ")}.`, 2);
  }
  return [options.phase as ClearablePhase];
}

export function registerBatchInspectCommands(batch: Command): void {
  batch.command("status")
    .description("the latest runs and their phases")
    .option("--limit <n>", "how many runs", "10")
    .option("--json", "answer in JSON: [{id, jobType, status, triggeredBy, calcDates, failureReason, phases}]")
    .action(withCliErrors(async (options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      return withDatabase(() => printStatus(limit, options.json === true), () => {
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(`--limit must be a whole number from 1 to 500, got "${options.limit}".`, 2);
      });
    }));

  batch.command("clear")
    .description("remove a date's calculated rows (all phases, or one) so the next run recomputes them; prices stay")
    .requiredOption("--date <date>", "the trading date YYYY-MM-DD")
    .option("--phase <key>", `one of ${CLEARABLE.join(", ")} (with what is derived from it)`)
    .option("--yes", "clear; without it only the dry-run summary is printed")
    .option("--json", "answer in JSON")
    .action(withCliErrors(async (options: { date: string; phase?: string; yes?: boolean; json?: boolean }) => {
      let phases: ClearablePhase[] = [];
      await withDatabase(async () => {
        const tables = tablesToClear(phases);
        const holder = await findRunHoldingDate(options.date);
        if (holder) throw new CliError(`Run ${holder} is writing ${options.date}; clear it once that run finishes.`, 2);
        const counts = options.yes ? await clearDateRows(options.date, tables) : await countDateRows(options.date, tables);
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        if (options.json) {
          out(JSON.stringify({ date: options.date, phases, dryRun: !options.yes, rows: counts }));
          return;
        }
        out(`${options.yes ? "cleared" : "would clear"} ${total} row(s) of ${options.date} (${phases.join(", ")}):`);
        for (const [table, n] of Object.entries(counts)) out(`  ${table.padEnd(26)} ${n}`);
        out(options.yes
          ? `the next nightly recomputes ${options.date} (it plans dates with missing rows in its 30-day window; older dates: batch backfill --from ${options.date} --to ${options.date}), restating later snapshots`
          : "dry run: nothing was removed; add --yes to clear");
      }, () => { phases = checkClearArgs(options); });
    }));
}
