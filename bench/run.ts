import { errorMessage } from "../lib/base/error-message";
/**
 * `npm run bench`: builds a synthetic market in a fresh embedded PostgreSQL and measures the figures the README quotes,
 * each beside a floor measured in the same run on the same database and row shapes (see bench/bench-args.ts for the
 * options). Prints a table and writes bench/results-<symbols>-<portfolios>.json.
 * `npm run bench -- --serve` measures the web server under load instead (bench/serve-main.ts, bench/results-serve.json).
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import path from "node:path";
import { closeDatabase } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";
import { seedReferenceData } from "../lib/db/seed-reference-data";
import { BenchArgsError, BENCH_USAGE, FIGURE_GROUPS, parseBenchArgs, type BenchArgs, type FigureGroup } from "./bench-args";
import type { BenchContext } from "./bench-context";
import { dropDatabase, useDatabaseCopy } from "./bench-database";
import { createProfiler } from "./profile";

type Figures = Record<string, number | string | null>;

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function runFigures(args: BenchArgs, context: BenchContext, figures: Figures, notes: Record<string, string>): Promise<void> {
  const measure = async (group: FigureGroup, body: () => Promise<void>) => {
    if (!args.only.has(group)) return;
    process.stderr.write(`bench: ${group}…\n`);
    const started = performance.now();
    try {
      await body();
    } catch (error) {
      notes[group] = errorMessage(error);
      process.stderr.write(`bench: ${group} failed: ${notes[group]}\n`);
    }
    const { rss } = process.memoryUsage();
    process.stderr.write(`bench: ${group} done in ${((performance.now() - started) / 1000).toFixed(1)} s; rss ${Math.round(rss / 2 ** 20)} MB, peak so far ${peakRssMb()} MB\n`);
  };

  await measure("math", async () => {
    const { benchmarkFactorMath } = await import("./factor-math");
    const result = benchmarkFactorMath(args.symbols, context.workDir);
    figures.phase3_math_s = round(result.seconds, 4);
    figures.phase3_math_numpy_s = result.numpySeconds === null ? "n/a" : round(result.numpySeconds, 4);
    figures.phase3_math_ratio_to_numpy = result.numpySeconds === null ? "n/a" : round(result.seconds / result.numpySeconds, 2);
    notes.phase3_math_numpy_s = result.numpyNote;
  });
  await measure("phase1", async () => {
    const { benchmarkPhase1 } = await import("./phase1");
    const result = await benchmarkPhase1(context);
    figures.phase1_rows = result.rows;
    figures.phase1_rows_per_s = Math.round(result.rowsPerSecond);
    figures.phase1_copy_floor_rows_per_s = Math.round(result.copyFloorRowsPerSecond);
    figures.phase1_ratio_to_copy = round(result.ratioToCopy, 2);
    notes.phase1_copy_floor_rows_per_s = `binary COPY of the same rows, faster of 1 and 2 connections: ${result.copyFloorLanes}`;
  });
  await measure("phase3", async () => {
    const { benchmarkPhase3 } = await import("./phase3");
    const result = await benchmarkPhase3(context);
    figures.phase3_s = round(result.seconds, 3);
    figures.phase3_math_in_phase_s = round(result.mathSeconds, 4);
    figures.phase3_floor_s = round(result.floorSeconds, 3);
    figures.phase3_ratio_to_floor = round(result.ratioToFloor, 2);
    figures.phase3_rows = result.rowsWritten;
    notes.phase3_s = result.split;
  });
  await measure("onboarding", async () => {
    await useDatabaseCopy(context.cluster, context.template, "bench_onboarding");
    const { benchmarkOnboarding } = await import("./onboarding");
    figures.onboarding_known_ms = round(await benchmarkOnboarding(), 1);
    await dropDatabase(context.cluster, "bench_onboarding");
  });
  await measure("refresh", async () => {
    const { benchmarkPortfolioRefresh } = await import("./refresh");
    const result = await benchmarkPortfolioRefresh(context);
    figures.refresh_s = round(result.seconds, 3);
    figures.refresh_floor_s = round(result.floorSeconds, 3);
    figures.refresh_ratio_to_floor = round(result.ratioToFloor, 2);
    notes.refresh_s = `best of two rounds on fresh copies (${result.roundSeconds.map((seconds) => `${seconds.toFixed(2)}s`).join(", ")}); phases: ${Object.entries(result.phaseSeconds).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}s (${result.statuses[phase]}; Node CPU ${result.phaseCpuSeconds[phase].toFixed(2)}s)`).join(", ")}; rows: ${JSON.stringify(result.rowsWritten)}; peak RSS MB by stage: ${JSON.stringify(result.peakRssMb)}`;
  });
  await measure("api", async () => {
    await useDatabaseCopy(context.cluster, context.template, "bench_api");
    const { benchmarkRunsApi } = await import("./runs-api");
    figures.api_runs_p95_ms = round(await benchmarkRunsApi(), 2);
    await dropDatabase(context.cluster, "bench_api");
  });
  await measure("nightly", async () => {
    await useDatabaseCopy(context.cluster, context.template, "bench_nightly");
    const { benchmarkNightly } = await import("./nightly");
    const result = await context.profiler.profile("nightly", () => benchmarkNightly(args.symbols, args.portfolios));
    figures.nightly_total_s = round(result.seconds, 2);
    figures.nightly_symbol_batch_ms_per_symbol = round(result.symbolBatchMsPerSymbol, 3);
    figures.nightly_refresh_ms_per_portfolio = round(result.refreshMsPerPortfolio, 3);
    figures.audit_violations_after_nightly = result.auditViolations;
    figures.nightly_no_change_ms = round(result.noChangeMs, 1);
    notes.nightly_no_change_ms = `a second nightly right after planned ${result.noChangeDates} date(s)`;
    notes.nightly_total_s = `status ${result.status}; phases: ${Object.entries(result.phaseSeconds).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}s`).join(", ")}; phase 3 ${result.phase3Steps}`;
    await dropDatabase(context.cluster, "bench_nightly");
    if (args.workers < 2) return;
    await useDatabaseCopy(context.cluster, context.template, "bench_nightly_workers");
    const { benchmarkNightlyWorkers } = await import("./workers");
    const parallel = await benchmarkNightlyWorkers(args.symbols, args.portfolios, args.workers);
    figures[`nightly_workers_${args.workers}_s`] = round(parallel.seconds, 2);
    figures[`nightly_workers_${args.workers}_speedup`] = round(result.seconds / parallel.seconds, 2);
    figures[`audit_violations_after_nightly_workers_${args.workers}`] = parallel.auditViolations;
    notes[`nightly_workers_${args.workers}_s`] = `status ${parallel.status}; phases: ${Object.entries(parallel.phaseSeconds).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}s`).join(", ")}; phase 3 ${parallel.phase3Steps}`;
    await dropDatabase(context.cluster, "bench_nightly_workers");
  });
}

/** Where a child of runGroupsApart writes its figures (set only in the children). */
const CHILD_RESULTS_ENV = "FACTORWATCH_BENCH_RESULTS";

/** The figure groups of `args` in a fresh embedded PostgreSQL, in this process. */
async function runGroupsHere(args: BenchArgs, figures: Figures, notes: Record<string, string>): Promise<void> {
  const parent = mkdtempSync(path.join(os.tmpdir(), "factorwatch-bench-"));
  chmodSync(parent, 0o755);
  const workDir = path.join(parent, "work");
  mkdirSync(workDir);
  const database = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), database: "bench_template", ephemeral: true });
  const profileDir = args.profile ? path.join("bench", "profiles", args.quick ? "quick" : `${args.symbols}-${args.portfolios}`) : null;
  try {
    await migrateDatabase(database.url);
    await seedReferenceData(database.url);
    const context: BenchContext = {
      cluster: { adminUrl: database.url.replace(/\/bench_template$/, "/postgres") },
      template: "bench_template", workDir, profiler: createProfiler(profileDir),
      symbols: args.symbols, portfolios: args.portfolios,
    };
    await runFigures(args, context, figures, notes);
    if (context.profiler.written.length > 0) notes.profiles = context.profiler.written.join(", ");
  } finally {
    await closeDatabase().catch(() => undefined);
    await database.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}

/**
 * Each figure group in a process and an embedded PostgreSQL of its own, one after another; returns the highest peak
 * RSS among them. In one process a group ran on the heap the earlier groups left (the simulated market, caches) and
 * while PostgreSQL still flushed their writes: the refresh measured 19.9 and 20.9 s in two full runs against 17.7 and
 * 18.2 s alone, with its floor unchanged. A figure now means the same in a full run as with --only.
 */
async function runGroupsApart(args: BenchArgs, figures: Figures, notes: Record<string, string>): Promise<number> {
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), "factorwatch-bench-groups-"));
  const sizes = args.quick ? ["--quick"] : ["--symbols", String(args.symbols), "--portfolios", String(args.portfolios)];
  let peakMb = peakRssMb();
  try {
    for (const group of FIGURE_GROUPS.filter((name) => args.only.has(name))) {
      const resultsFile = path.join(resultsDir, `${group}.json`);
      const childArgs = [...sizes, "--only", group, ...(args.profile ? ["--profile"] : []), ...(args.workers > 1 ? ["--workers", String(args.workers)] : [])];
      const code = await new Promise<number | null>((resolve, reject) => {
        // The same node flags (tsx's loader, the heap cap) and script; the child's table is the parent's to print.
        const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...childArgs], {
          stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, [CHILD_RESULTS_ENV]: resultsFile },
        });
        child.on("error", reject);
        child.on("exit", resolve);
      });
      if (code !== 0) {
        notes[group] = `its process exited with status ${code}`;
        continue;
      }
      const child = JSON.parse(readFileSync(resultsFile, "utf8")) as Record<string, unknown>;
      for (const [name, value] of Object.entries(child)) {
        if (name === "peak_rss_mb") peakMb = Math.max(peakMb, Number(value));
        else if (name !== "machine" && name !== "notes") figures[name] = value as Figures[string];
      }
      Object.assign(notes, child.notes as Record<string, string>);
    }
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
  return peakMb;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (process.argv.includes("--help")) {
    console.log(BENCH_USAGE);
    return;
  }
  const figures: Figures = {};
  const notes: Record<string, string> = {};
  const started = performance.now();
  let peakMb: number;
  if (args.only.size > 1 && process.env[CHILD_RESULTS_ENV] === undefined) {
    peakMb = await runGroupsApart(args, figures, notes);
  } else {
    await runGroupsHere(args, figures, notes);
    peakMb = peakRssMb();
  }
  figures.peak_rss_mb = peakMb;
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    // The V8 heap limit the process ran under (package.json gives the batch's processes --max-old-space-size).
    heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
    symbols: args.symbols, portfolios: args.portfolios, workers: args.workers, loadAverage: os.loadavg().map((value) => round(value, 2)),
    benchSeconds: round((performance.now() - started) / 1000, 1), measuredAt: new Date().toISOString(),
  };
  writeFileSync(process.env[CHILD_RESULTS_ENV] ?? path.join("bench", args.resultsFile), `${JSON.stringify({ ...figures, machine, notes }, null, 2)}\n`);
  if (process.env[CHILD_RESULTS_ENV] !== undefined) return;
  console.log(`\nFactorwatch bench (${args.symbols} symbols, ${args.portfolios} portfolios × 25 positions) → bench/${args.resultsFile}`);
  console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
  for (const [name, note] of Object.entries(notes)) console.log(`note ${name}: ${note}`);
}

if (process.argv.includes("--serve")) {
  const { runServeBench } = await import("./serve-main");
  await runServeBench();
} else {
  await main();
}
