import type { Command } from "commander";
import { closeDatabase } from "../../db/client";
import { createPhaseContext, type PhaseContext, type PhaseSummary } from "../../batch/phase-types";
import { runValuationsPhase } from "../../batch/phases/00-valuations";
import { runMarketDataPhase } from "../../batch/phases/01-market-data";
import { isIsoDate, isTradingDay, latestCompletedTradingDay, todayInNewYork } from "../../base/calendar";
import { CliError, withCliErrors } from "../cli-error";
import { openDatabase } from "../open-database";

const USAGE_EXIT_CODE = 2;
const count = (value: number) => value.toLocaleString("en-US");

/** --date: an ISO date that is an NYSE trading day and not in the future (America/New_York). */
export function parseCalcDate(raw: string | undefined, now: Date = new Date()): string {
  if (raw === undefined) return latestCompletedTradingDay(now);
  const date = raw.trim();
  if (!isIsoDate(date)) throw new CliError(`--date must be a date like 2026-03-13, got "${raw}".`, USAGE_EXIT_CODE);
  if (date > todayInNewYork(now)) throw new CliError(`--date ${date} is in the future.`, USAGE_EXIT_CODE);
  if (!isTradingDay(date)) throw new CliError(`--date ${date} is not an NYSE trading day.`, USAGE_EXIT_CODE);
  return date;
}

/** --symbols A,B: trimmed, upper-cased, de-duplicated; undefined when the option is absent. */
export function parseSymbols(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const symbols = [...new Set(raw.split(",").map((symbol) => symbol.trim().toUpperCase()).filter(Boolean))];
  if (symbols.length === 0) throw new CliError("--symbols needs at least one symbol, e.g. --symbols AAPL,MSFT.", USAGE_EXIT_CODE);
  return symbols;
}

let lastProgressAt = 0;

/** `\r  1,234/5,000 symbols` on stderr, at most every 100 ms, always for the last one. */
function progressLine(done: number, total: number): void {
  const now = Date.now();
  if (done !== total && now - lastProgressAt < 100) return;
  lastProgressAt = now;
  process.stderr.write(`\r  ${count(done)}/${count(total)} symbols${done === total ? "\n" : ""}`);
}

async function runPhase(calcDate: string, symbols: string[] | undefined, phase: (ctx: PhaseContext) => Promise<PhaseSummary>, env?: NodeJS.ProcessEnv) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await openDatabase(log);
  try {
    const ctx = createPhaseContext(calcDate, {
      symbols, env, progress: progressLine,
      log: (level, message) => (level === "info" ? undefined : log(`${level}: ${message}`)),
    });
    return await phase(ctx);
  } finally {
    await closeDatabase();
    await database.stop();
  }
}

function printErrors(summary: PhaseSummary): void {
  for (const error of summary.errors.slice(0, 20)) {
    process.stdout.write(`  failed ${error.symbol ?? ""} ${error.type}: ${error.message}\n`);
  }
  if (summary.errors.length > 20) process.stdout.write(`  … and ${count(summary.errors.length - 20)} more\n`);
  if (summary.status === "failed") process.exitCode = 1;
}

export function registerPricesCommands(program: Command): void {
  const prices = program.command("prices").description("market data (phase 1)");
  prices.command("fetch")
    .description("fetch the missing daily bars of the last 365 days up to --date for every symbol to process")
    .option("--date <date>", "trading day to load up to (default: the latest completed trading day)")
    .option("--symbols <list>", "only these symbols, comma-separated")
    .action(withCliErrors(async (options: { date?: string; symbols?: string }) => {
      const calcDate = parseCalcDate(options.date);
      const symbols = parseSymbols(options.symbols);
      const summary = await runPhase(calcDate, symbols, (ctx) => runMarketDataPhase(ctx));
      const r = summary.result;
      if (summary.status === "skipped") process.stdout.write(`prices ${calcDate}: skipped (${summary.reason})\n`);
      else process.stdout.write(
        `prices ${calcDate} (${r.mode}): ${count(Number(r.fetched))} fetched, ${count(Number(r.cached))} cached, ` +
        `${count(Number(r.failed))} failed; ${count(Number(r.rowsWritten))} rows written, ${count(Number(r.rowsRejected))} rejected, ` +
        `${count((r.refetchedSymbols as string[]).length)} refetched\n`,
      );
      printErrors(summary);
    }));

  const valuations = program.command("valuations").description("valuations (phase 0)");
  valuations.command("fetch")
    .description("fetch P/E, beta, 52-week range, market cap and dividend yield for stale symbols")
    .option("--symbols <list>", "only these symbols, comma-separated")
    .action(withCliErrors(async (options: { symbols?: string }) => {
      const calcDate = latestCompletedTradingDay(new Date());
      const symbols = parseSymbols(options.symbols);
      // An explicit command runs even when the nightly toggle skips phase 0.
      const env = { ...process.env, SKIP_PHASE0_VALUATIONS: "false" };
      const summary = await runPhase(calcDate, symbols, (ctx) => runValuationsPhase(ctx), env);
      const r = summary.result;
      process.stdout.write(
        `valuations: ${count(Number(r.created ?? 0))} created, ${count(Number(r.updated ?? 0))} updated, ` +
        `${count(Number(r.fresh ?? 0))} fresh, ${count(summary.itemsFailed)} failed\n`,
      );
      printErrors(summary);
    }));
}
