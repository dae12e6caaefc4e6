/** `portfolio import` (a portfolio from the onboarding form's CSV) and `portfolio show` (its ledger), with `--json`. */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { onboardPortfolio } from "../../batch/onboarding";
import { ensureOnboardingWorker } from "../../batch/onboarding-worker";
import { findUserIdByEmail, getPortfolioReport, type PortfolioReport } from "../../db/portfolio-report";
import { isIsoDate } from "../../base/calendar";
import { describePortfolioInputProblems, type PositionInput } from "../../schemas/portfolio";
import { parsePositionsCsv } from "../../schemas/positions-csv";
import { CliError, withCliErrors } from "../cli-error";
import { out, withDatabase } from "../with-database";

interface ImportOptions { owner: string; name: string; equity: string; inception: string; file: string; json?: boolean }

/** The import's input, checked without the database: one sentence per bad field or CSV line. */
function readImport(options: ImportOptions): { startingEquity: number; positions: PositionInput[] } {
  let text: string;
  try {
    text = readFileSync(options.file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read --file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 2);
  }
  const { positions, errors } = parsePositionsCsv(text);
  const startingEquity = Number(options.equity.replace(/[$,_\s]/g, ""));
  const problems = errors.map((error) => `${options.file} row ${error.row}: ${error.message}.`);
  if (!isIsoDate(options.inception)) problems.push(`--inception must be a date written YYYY-MM-DD, got "${options.inception}".`);
  problems.push(...describePortfolioInputProblems({ name: options.name, startingEquity, positions }).map((problem) =>
    problem.startsWith("Position ") ? `${options.file}: ${problem}` : problem.replace(/^Starting equity/, "--equity: starting equity").replace(/^Name/, "--name: name")));
  if (problems.length > 0) throw new CliError(problems.join("\n"), 2);
  return { startingEquity, positions };
}

function printReport(report: PortfolioReport): void {
  out(`${report.name} (${report.id}), owner ${report.owner}`);
  out(`inception ${report.inceptionDate}, starting equity ${report.startingEquity.toFixed(2)}, current equity ${report.currentEquity.toFixed(2)}${report.currentEquityDate ? ` as of ${report.currentEquityDate}` : ""}`);
  out("date        equity              daily P&L        cumulative P&L   complete");
  for (const s of report.snapshots) {
    out(`${s.date}  ${s.equity.toFixed(2).padStart(18)} ${s.dailyPnl.toFixed(2).padStart(16)} ${s.cumulativePnl.toFixed(2).padStart(16)}   ${s.complete ? "yes" : "no"}`);
  }
  if (report.exposures) {
    out(`exposures on ${report.exposures.date}:`);
    for (const f of report.exposures.factors) out(`  ${f.factor.padEnd(28)} beta ${f.beta.toFixed(4).padStart(10)}  ${f.dollars.toFixed(2).padStart(16)} USD`);
  } else out("exposures: none yet");
  out(report.stress
    ? `stress on ${report.stress.date}: ${report.stress.scenarios} scenarios, worst ${report.stress.worst.toFixed(2)} (${report.stress.worstScenario}), best ${report.stress.best.toFixed(2)} (${report.stress.bestScenario}), mean ${report.stress.mean.toFixed(2)}`
    : "stress: none yet");
}

export function registerPortfolioCommands(program: Command): void {
  const portfolio = program.command("portfolio").description("import a portfolio from CSV, show a portfolio's ledger");

  portfolio.command("import")
    .description("create a portfolio from a positions CSV (symbol,quantity,entry_price,entry_date[,position_type][,investment_class]); prints its id last")
    .requiredOption("--owner <email>", "the user who owns it")
    .requiredOption("--name <name>", "portfolio name")
    .requiredOption("--equity <n>", "starting equity in USD (the NAV on the inception day)")
    .requiredOption("--inception <date>", "inception date YYYY-MM-DD")
    .requiredOption("--file <path>", "positions CSV, the onboarding form's format")
    .option("--json", "print {\"id\": …} as the last line")
    .action(withCliErrors(async (options: ImportOptions) => {
      let input: { startingEquity: number; positions: PositionInput[] } | undefined;
      await withDatabase(async () => {
        const userId = await findUserIdByEmail(options.owner);
        if (!userId) throw new CliError(`No user with the email ${options.owner}; create the login first (db seed, or the dashboard).`, 2);
        const created = await onboardPortfolio({ userId, name: options.name, startingEquity: input!.startingEquity, positions: input!.positions, inceptionDate: options.inception });
        // The queued symbols are onboarded before the command returns (their portfolios are refreshed at the end).
        if (created.queuedSymbols.length > 0) await ensureOnboardingWorker();
        if (!options.json) {
          out(`created ${options.name}: ${input!.positions.length} positions, inception ${created.inceptionDate}, valued on ${created.calcDate} (run ${created.runId})`);
          if (created.queuedSymbols.length > 0) out(`onboarded new symbols: ${created.queuedSymbols.join(", ")}`);
        }
        out(options.json ? JSON.stringify({ id: created.portfolioId }) : created.portfolioId);
      }, () => { input = readImport(options); });
    }));

  portfolio.command("show")
    .description("a portfolio's name, inception, equity, every snapshot, and its latest exposures and stress")
    .argument("<id>", "the portfolio id")
    .option("--json", "answer in JSON")
    .action(withCliErrors(async (id: string, options: { json?: boolean }) => withDatabase(async () => {
      const report = await getPortfolioReport(id);
      if (!report) throw new CliError(`No portfolio ${id}.`, 2);
      if (options.json) out(JSON.stringify(report, null, 2));
      else printReport(report);
    }, () => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new CliError(`A portfolio id is a UUID, got "${id}".`, 2);
    })));
}
