import type { RunProgressEvent } from "../batch/runner";

/** One rewritten stderr line: `2026-11-25 phase_3_factors  412/580`. */
export function printProgress(event: RunProgressEvent): void {
  const width = String(event.total).length;
  process.stderr.write(`\r  ${event.date} ${event.phase.padEnd(27)} ${String(event.done).padStart(width)}/${event.total}   `);
}
