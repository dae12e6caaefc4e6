import type { RunProgressEvent } from "../batch/phase-steps";

/** One rewritten stderr line: `2026-11-25 phase_3_factors  412/580` (or `… waiting for run <id>`). */
export function printProgress(event: RunProgressEvent): void {
  if (event.status.startsWith("waiting")) {
    process.stderr.write(`\r  ${event.date} ${event.phase.padEnd(27)} ${event.status}   `);
    return;
  }
  const width = String(event.total).length;
  process.stderr.write(`\r  ${event.date} ${event.phase.padEnd(27)} ${String(event.done).padStart(width)}/${event.total}   `);
}
