import { errorMessage } from "../base/error-message";
/** An error whose message is a sentence for the person at the terminal, with the exit code to use. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Runs a command body; any failure becomes one `error:` line and a non-zero exit code, never a stack trace. */
export function withCliErrors<Args extends unknown[]>(body: (...args: Args) => Promise<void>) {
  return async (...args: Args): Promise<void> => {
    try {
      await body(...args);
    } catch (error) {
      const message = errorMessage(error);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.FACTORWATCH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = error instanceof CliError ? error.exitCode : 1;
    }
  };
}
