import type { RunProgressEvent } from "../batch/phase-steps";

interface ProgressOutput { write(text: string): unknown; isTTY?: boolean }

/** Non-TTY output (a log file) gets at most one progress line per this many milliseconds. */
export const NON_TTY_PROGRESS_INTERVAL_MS = 1_000;

/** `2026-11-25 phase_3_factors  412/580` (or `… waiting for run <id>`). */
export function formatProgress(event: RunProgressEvent): string {
  if (event.status.startsWith("waiting")) return `  ${event.date} ${event.phase.padEnd(27)} ${event.status}`;
  const width = String(event.total).length;
  return `  ${event.date} ${event.phase.padEnd(27)} ${String(event.done).padStart(width)}/${event.total}`;
}

export interface ProgressPrinter {
  print(event: RunProgressEvent): void;
  /** Ends the progress output: the TTY line gets its newline, a log gets the last state it has not shown yet. */
  finish(): void;
}

/**
 * A terminal keeps one live line rewritten in place. Anything else (a log file, a pipe) gets whole lines, at most one
 * a second, so a long run writes a readable log instead of one line of carriage returns.
 */
export function createProgressPrinter(output: ProgressOutput, options: { isTTY?: boolean; nowMs?: () => number } = {}): ProgressPrinter {
  const isTTY = options.isTTY ?? output.isTTY === true;
  const nowMs = options.nowMs ?? Date.now;
  let live = false;
  let lastLineMs = Number.NEGATIVE_INFINITY;
  let unprinted: string | null = null;
  let lastPrinted: string | null = null;
  return {
    print(event) {
      const line = formatProgress(event);
      if (isTTY) {
        output.write(`\r${line}   `);
        live = true;
        return;
      }
      const now = nowMs();
      if (now - lastLineMs >= NON_TTY_PROGRESS_INTERVAL_MS) {
        if (line !== lastPrinted) output.write(`${line}\n`);
        lastPrinted = line;
        lastLineMs = now;
        unprinted = null;
      } else unprinted = line === lastPrinted ? null : line;
    },
    finish() {
      if (isTTY) {
        if (live) output.write("\n");
        live = false;
        return;
      }
      if (unprinted !== null) output.write(`${unprinted}\n`);
      lastPrinted = unprinted ?? lastPrinted;
      unprinted = null;
    },
  };
}

const stderrPrinter = createProgressPrinter(process.stderr);

/** The command line's progress on stderr. */
export function printProgress(event: RunProgressEvent): void {
  stderrPrinter.print(event);
}

export function finishProgress(): void {
  stderrPrinter.finish();
}
