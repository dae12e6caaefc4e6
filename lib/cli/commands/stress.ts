import type { Command } from "commander";
import { explainStoredScenario, StressRequestError } from "../../batch/stress-explain";
import { closeDatabase } from "../../db/client";
import { findCorrelationDriver } from "../../risk/stress-correlation-driver";
import type { StressExplanation } from "../../risk/stress-explain";
import { labelStressContribution, STRESS_FIGURE_NAMES, STRESS_MODEL_SENTENCE } from "../../risk/stress-factors";
import { CliError, withCliErrors } from "../cli-error";
import { openDatabase } from "../open-database";

export interface StressExplainOptions {
  portfolio: string;
  date: string;
  scenario: string;
  json?: boolean;
}

/** The explanation as printed: one JSON object (unrounded), or a table for a person. Needs an open database. */
export async function renderStressExplain(options: StressExplainOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let explanation: StressExplanation;
  try {
    explanation = await explainStoredScenario({ portfolioId: options.portfolio, date: options.date, scenarioId: options.scenario, env });
  } catch (error) {
    if (error instanceof StressRequestError) throw new CliError(error.message, 2);
    throw error;
  }
  return options.json ? `${JSON.stringify(explanation)}\n` : formatExplanationTable(explanation);
}

const usd = (value: number) => `${value < 0 ? "-" : ""}$${Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (value: number | undefined) => (value === undefined ? "" : `${(value * 100).toFixed(2)}%`);

/** A readable table of the same numbers (rounded for reading; --json has them unrounded). */
export function formatExplanationTable(x: StressExplanation): string {
  const rows = x.factors.map((factor) => [
    labelStressContribution(factor, "correlated"),
    usd(x.exposures[factor]),
    pct(x.shocks[factor]),
    `${pct(x.moves[factor])} ${factor in x.shocks ? "shocked" : "implied"}`,
    usd(x.direct.contributions[factor]),
    usd(x.correlated.contributions[factor]),
  ]);
  const header = ["factor", "exposure", "shock", "move", "direct", "correlated"];
  const total = ["total", "", "", "", `${usd(x.direct.total)}${x.capped.direct ? " (capped)" : ""}`, `${usd(x.correlated.total)}${x.capped.correlated ? " (capped)" : ""}`];
  const table = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd();
  const driver = findCorrelationDriver({
    directPnl: x.direct.total,
    correlatedPnl: x.correlated.total,
    contributions: Object.fromEntries(x.factors.map((factor) => [factor, {
      shock: x.shocks[factor] ?? null, move: x.moves[factor], directPnl: x.direct.contributions[factor], correlatedPnl: x.correlated.contributions[factor],
    }])),
  });
  return [
    `${x.scenario.name} (${x.scenario.id}) on portfolio ${x.portfolioId}, ${x.date}; equity ${usd(x.equity)}`,
    `Market exposure: ${usd(x.exposures.Market)} via styles (correlated figure), ${usd(x.marketBetaExposure)} from the 90-day market beta (direct figure).`,
    "",
    line(table[0]),
    ...table.slice(1, -1).map(line),
    line(total),
    "",
    `direct = ${STRESS_FIGURE_NAMES.direct.title}: ${STRESS_FIGURE_NAMES.direct.meaning}.`,
    `correlated = ${STRESS_FIGURE_NAMES.correlated.title}: ${STRESS_FIGURE_NAMES.correlated.meaning}.`,
    ...(driver ? [`The correlated total is ${driver.ratio === null ? "non-zero against a zero direct total" : `${driver.ratio.toFixed(1)}× the direct one`}, mainly through ${labelStressContribution(driver.factor, "correlated")} (${driver.implied ? "implied" : "shocked"} move ${pct(driver.move)}, ${usd(driver.gapUsd)} of the difference).`] : []),
    STRESS_MODEL_SENTENCE,
    "",
  ].join("\n");
}

export function registerStressCommands(program: Command): void {
  const stress = program.command("stress").description("inspect stress results");
  stress.command("explain")
    .description("one portfolio, date and scenario laid open: covariance, exposures, shocks, factor moves, both contribution sets")
    .requiredOption("--portfolio <id>", "portfolio id")
    .requiredOption("--date <date>", "calculation date YYYY-MM-DD")
    .requiredOption("--scenario <id>", "scenario id, e.g. market_down_10")
    .option("--json", "print the JSON object (unrounded)")
    .action(withCliErrors(async (options: StressExplainOptions) => {
      const database = await openDatabase((line) => process.stderr.write(`${line}\n`));
      try {
        process.stdout.write(await renderStressExplain(options));
      } finally {
        await closeDatabase();
        await database.stop();
      }
    }));
}
