/** `audit`: the ledger's invariants over the stored rows; exit 1 with the violations listed, 0 when clean. */
import type { Command } from "commander";
import { auditLedger } from "../../batch/ledger-audit";
import { isIsoDate } from "../../base/calendar";
import { CliError, withCliErrors } from "../cli-error";
import { out, withDatabase } from "../with-database";

export function registerAuditCommand(program: Command): void {
  program.command("audit")
    .description("check the ledger: snapshot chains without holes, equity = previous + P&L + flow, cumulative fields, stress sums, exposures for every snapshot")
    .option("--from <date>", "first snapshot date checked YYYY-MM-DD")
    .option("--to <date>", "last snapshot date checked YYYY-MM-DD")
    .option("--json", "answer in JSON: {clean, checked, violations: [{check, portfolioId, date, message}]}")
    .action(withCliErrors(async (options: { from?: string; to?: string; json?: boolean }) => withDatabase(async () => {
      const report = await auditLedger({ from: options.from, to: options.to });
      if (options.json) out(JSON.stringify(report, null, 2));
      else {
        const { portfolios, snapshots, stressRows } = report.checked;
        out(`audit${options.from || options.to ? ` ${options.from ?? "…"} to ${options.to ?? "…"}` : ""}: ${portfolios} portfolios, ${snapshots} snapshots, ${stressRows} stress rows checked: ${report.clean ? "clean" : `${report.violations.length} violation(s)`}`);
        for (const v of report.violations) out(`  ${v.check.padEnd(14)} ${v.portfolioId} ${v.date ?? "—"}  ${v.message}`);
      }
      if (!report.clean) process.exitCode = 1;
    }, () => {
      for (const [flag, value] of [["--from", options.from], ["--to", options.to]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw new CliError(`${flag} must be a date written YYYY-MM-DD, got "${value}".`, 2);
      }
      if (options.from && options.to && options.from > options.to) throw new CliError(`--from (${options.from}) is after --to (${options.to}).`, 2);
    })));
}
