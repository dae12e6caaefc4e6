import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { isIsoDate } from "../../base/calendar";
import { computeFactorsFromCsv } from "../../risk/factors-from-csv";

export const FACTORS_USAGE_EXIT_CODE = 2;

export interface FactorsCommandOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface FactorsCommandOptions {
  prices: string;
  date: string;
}

/** Reads the CSV, computes the document; never writes to the process streams itself. */
export async function executeFactorsCommand(options: FactorsCommandOptions): Promise<FactorsCommandOutcome> {
  const fail = (stderr: string): FactorsCommandOutcome => ({ stdout: "", stderr, exitCode: FACTORS_USAGE_EXIT_CODE });
  if (!isIsoDate(options.date)) return fail(`--date must be a real date written YYYY-MM-DD, got "${options.date}".\n`);
  let text: string;
  try {
    text = await readFile(options.prices, "utf8");
  } catch {
    return fail(`Cannot read the prices file "${options.prices}".\n`);
  }
  const result = computeFactorsFromCsv(text, options.date);
  if (!result.ok) return fail(result.errors.map((error) => `${options.prices}:${error.line}: ${error.message}\n`).join(""));
  return { stdout: `${JSON.stringify(result.document, null, 2)}\n`, stderr: "", exitCode: 0 };
}

export interface FactorsCommandIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  setExitCode(code: number): void;
}

const processIo: FactorsCommandIo = {
  writeOut: (text) => void process.stdout.write(text),
  writeErr: (text) => void process.stderr.write(text),
  setExitCode: (code) => void (process.exitCode = code),
};

/** `factorwatch factors --prices FILE.csv --date YYYY-MM-DD`: one JSON document on stdout; bad input → exit 2. */
export function registerFactorsCommand(program: Command, io: FactorsCommandIo = processIo): Command {
  return program
    .command("factors")
    .description("Compute the 12 regression factor betas from a price CSV (symbol,date,close,adj_close), no database")
    .requiredOption("--prices <file>", "long CSV with header symbol,date,close,adj_close (adj_close may be empty)")
    .requiredOption("--date <date>", "calculation date, YYYY-MM-DD")
    .action(async (options: FactorsCommandOptions) => {
      const outcome = await executeFactorsCommand(options);
      if (outcome.stdout) io.writeOut(outcome.stdout);
      if (outcome.stderr) io.writeErr(outcome.stderr);
      io.setExitCode(outcome.exitCode);
    });
}

/** Runs `factors` with argv (without the program name), capturing output; for tests and embedding. */
export async function runFactorsCommand(argv: readonly string[]): Promise<FactorsCommandOutcome> {
  const outcome: FactorsCommandOutcome = { stdout: "", stderr: "", exitCode: 0 };
  const io: FactorsCommandIo = {
    writeOut: (text) => void (outcome.stdout += text),
    writeErr: (text) => void (outcome.stderr += text),
    setExitCode: (code) => void (outcome.exitCode = code),
  };
  const program = new Command("factorwatch").exitOverride().configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr });
  registerFactorsCommand(program, io).exitOverride();
  try {
    await program.parseAsync(["factors", ...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    outcome.exitCode = error.exitCode === 0 ? 0 : FACTORS_USAGE_EXIT_CODE;
  }
  return outcome;
}
