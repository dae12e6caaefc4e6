import { BatchInputError } from "../batch/run-plans";
import { OnboardingInputError, OnboardingQueueFullError, PortfolioLimitError } from "../batch/onboarding";
import { RunRefusedError } from "../db/batch-runs";
import { closeDatabase } from "../db/client";
import { CliError } from "./cli-error";
import { openDatabase } from "./open-database";

/** Errors that are the person's to fix: a sentence and exit code 2, never a stack trace. */
function isUsageError(error: unknown): error is Error {
  return error instanceof BatchInputError || error instanceof RunRefusedError || error instanceof OnboardingInputError
    || error instanceof OnboardingQueueFullError || error instanceof PortfolioLimitError;
}

/**
 * Checks the arguments first (`validate`, without the database), then opens the database (its log lines go to
 * stderr, so stdout stays the command's answer, e.g. JSON), runs the body and always closes it.
 */
export async function withDatabase(body: () => Promise<void>, validate: () => void = () => undefined): Promise<void> {
  try {
    validate();
  } catch (error) {
    if (isUsageError(error)) throw new CliError(error.message, 2);
    throw error;
  }
  const database = await openDatabase((line) => process.stderr.write(`${line}\n`));
  try {
    await body();
  } catch (error) {
    if (isUsageError(error)) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await closeDatabase();
    await database.stop();
  }
}

/** One line on stdout. */
export const out = (line: string) => process.stdout.write(`${line}\n`);
