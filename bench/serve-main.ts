/**
 * The `--serve` entry of `npm run bench`: runs bench/serve.ts and writes its figures to bench/results-serve.json, with
 * the machine and its load at the start.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { benchmarkServe } from "./serve";

function optionValue(name: string, fallback: number, max = 600, what = "a whole number of seconds"): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be ${what} from 1 to ${max}, got "${process.argv[index + 1] ?? ""}".`);
    process.exit(2);
  }
  return value;
}

export async function runServeBench(): Promise<void> {
  const seconds = optionValue("--serve-seconds", 10);
  const port = optionValue("--serve-port", Number(process.env.BENCH_SERVE_PORT ?? 3116), 65_535, "a port number");
  const loadAverageAtStart = os.loadavg().map((value) => Number(value.toFixed(2)));
  const figures = await benchmarkServe({ seconds, port, log: (line) => process.stderr.write(`${line}\n`) });
  const file = "bench/results-serve.json";
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, loadAverageAtStart, measuredAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify({ ...figures, machine }, null, 2)}\n`);
  console.log(`\nFactorwatch serve bench (${seconds} s per load, ${figures.serverProcesses} server processes; load average at start ${loadAverageAtStart.join(" / ")})`);
  console.table(Object.entries(figures.routes).flatMap(([route, rows]) => rows.map((row) => ({
    route, connections: row.connections, "req/s": row.reqPerS, "200s/s": row.okPerS, "p50 ms": row.p50Ms, "p99 ms": row.p99Ms, "max ms": row.maxMs,
    "503 %": Number((row.share503 * 100).toFixed(1)), timeouts: row.timeouts, errors: row.errors,
  }))));
  if (figures.backfill) console.log(`API × 100 during a backfill: ${figures.backfill.duringBackfillOkPerS} 200s/s vs ${figures.backfill.idleOkPerS} idle (${(figures.backfill.ratio * 100).toFixed(0)} %)`);
}
