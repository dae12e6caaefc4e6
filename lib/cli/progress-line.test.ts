import { describe, expect, it } from "vitest";
import type { RunProgressEvent } from "../batch/phase-steps";
import { createProgressPrinter } from "./progress-line";

const event = (done: number, total = 580, phase: RunProgressEvent["phase"] = "phase_3_factors"): RunProgressEvent =>
  ({ runId: "r1", date: "2026-11-25", phase, done, total, status: "running" });

const line = (done: number | string, total?: number) =>
  `  2026-11-25 ${"phase_3_factors".padEnd(27)} ${total === undefined ? done : `${String(done).padStart(String(total).length)}/${total}`}`;

function capture() {
  const chunks: string[] = [];
  return { chunks, output: { write: (text: string) => chunks.push(text) } };
}

describe("CLI progress", () => {
  it("a log file (non-TTY) gets whole lines, at most one a second, and the last state at the end", () => {
    const { chunks, output } = capture();
    let now = 0;
    const printer = createProgressPrinter(output, { isTTY: false, nowMs: () => now });
    // 5,000 steps over 10 simulated seconds (one every 2 ms).
    for (let done = 1; done <= 5_000; done += 1) {
      now = done * 2;
      printer.print(event(done, 5_000));
    }
    printer.finish();
    const text = chunks.join("");
    expect(text).not.toContain("\r");
    const lines = text.split("\n").filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines[0]).toBe(line(1, 5_000));
    expect(lines.at(-1)).toBe(line(5_000, 5_000));
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(80);
    expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true);
  });

  it("does not repeat an unchanged line, and a waiting run reads as a sentence", () => {
    const { chunks, output } = capture();
    let now = 0;
    const printer = createProgressPrinter(output, { isTTY: false, nowMs: () => now });
    printer.print({ ...event(0), status: "waiting for run abc" });
    now = 5_000;
    printer.print({ ...event(0), status: "waiting for run abc" });
    printer.finish();
    expect(chunks).toEqual([`${line("waiting for run abc")}\n`]);
  });

  it("a terminal keeps one live line rewritten in place, ended by one newline", () => {
    const { chunks, output } = capture();
    const printer = createProgressPrinter(output, { isTTY: true, nowMs: () => 0 });
    printer.print(event(1, 3));
    printer.print(event(2, 3));
    printer.print(event(3, 3));
    printer.finish();
    expect(chunks).toEqual([`\r${line(1, 3)}   `, `\r${line(2, 3)}   `, `\r${line(3, 3)}   `, "\n"]);
  });

  it("takes TTY-ness from the stream when not told", () => {
    const { chunks } = capture();
    const printer = createProgressPrinter({ write: (text: string) => chunks.push(text), isTTY: true });
    printer.print(event(1, 2));
    expect(chunks[0].startsWith("\r")).toBe(true);
  });
});
