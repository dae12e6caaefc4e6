/**
 * Phase 1 and its floor. The phase loads `symbols` synthetic simulated tickers × the 365-day window into an empty
 * market_data (fetch, validate, encode, COPY); the floor COPYs the same rows, already encoded, into another empty
 * copy of the database, on one connection and on two at once, and keeps the faster.
 */
import path from "node:path";
import { getPool } from "../lib/db/client";
import { createPhaseContext } from "../lib/batch/phase-types";
import { runMarketDataPhase } from "../lib/batch/phases/01-market-data";
import { createSyntheticUniverse } from "../lib/market-data/simulated-market";
import { SimulatedProvider } from "../lib/market-data/simulated-provider";
import { latestCompletedTradingDay } from "../lib/base/calendar";
import type { BenchContext } from "./bench-context";
import { dropDatabase, useDatabaseCopy } from "./bench-database";
import { copyRowsBack, dumpRows, timeSeconds, type DumpedRows } from "./copy-floor";
import type { Profiler } from "./profile";

export interface Phase1Run {
  rows: number;
  seconds: number;
}

/** Runs Phase 1 for `symbolCount` synthetic symbols on the current database (meant to hold no prices yet). */
export async function timePhase1(symbolCount: number, calcDate: string, profiler?: Profiler): Promise<Phase1Run> {
  const symbols = createSyntheticUniverse(symbolCount).map((equity) => equity.ticker);
  const provider = new SimulatedProvider();
  const run = () => runMarketDataPhase(createPhaseContext(calcDate, { symbols }), { provider });
  const started = performance.now();
  const summary = profiler ? await profiler.profile("phase1", run) : await run();
  const seconds = (performance.now() - started) / 1000;
  if (summary.status !== "completed") {
    throw new Error(`phase 1 ended ${summary.status}: ${summary.errors.slice(0, 3).map((e) => e.message).join("; ")}`);
  }
  return { rows: Number(summary.result.rowsWritten), seconds };
}

/** The market_data rows on the current database, in two halves (by symbol hash) for two COPY connections. */
export async function dumpPriceRows(workDir: string): Promise<DumpedRows[]> {
  return Promise.all([0, 1].map((half) => dumpRows("market_data", `(hashtext(symbol) & 1) = ${half}`, path.join(workDir, `market-data-${half}.copy`))));
}

/** Seconds to COPY the dumps into the current database on `lanes` connections at once (1 or 2). */
export async function timeCopyBack(dumps: readonly DumpedRows[], lanes: 1 | 2): Promise<number> {
  const clients = await Promise.all(Array.from({ length: lanes }, () => getPool().connect()));
  try {
    return await timeSeconds(async () => {
      if (lanes === 1) for (const dump of dumps) await copyRowsBack(dump, clients[0]);
      else await Promise.all(dumps.map((dump, index) => copyRowsBack(dump, clients[index % lanes])));
    });
  } finally {
    for (const client of clients) client.release();
  }
}

export interface Phase1Benchmark {
  rows: number;
  rowsPerSecond: number;
  copyFloorRowsPerSecond: number;
  copyFloorLanes: number;
  ratioToCopy: number;
}

export async function benchmarkPhase1(context: BenchContext): Promise<Phase1Benchmark> {
  await useDatabaseCopy(context.cluster, context.template, "bench_phase1");
  const run = await timePhase1(context.symbols, latestCompletedTradingDay(new Date()), context.profiler);
  const dumps = await dumpPriceRows(context.workDir);
  const dumped = dumps.reduce((sum, dump) => sum + dump.rows, 0);
  if (dumped !== run.rows) throw new Error(`phase 1 reported ${run.rows} rows but market_data holds ${dumped}`);
  let best = { seconds: Infinity, lanes: 1 };
  for (const lanes of [1, 2] as const) {
    await useDatabaseCopy(context.cluster, context.template, `bench_phase1_floor_${lanes}`);
    const seconds = await timeCopyBack(dumps, lanes);
    if (seconds < best.seconds) best = { seconds, lanes };
    await dropDatabase(context.cluster, `bench_phase1_floor_${lanes}`);
  }
  await dropDatabase(context.cluster, "bench_phase1");
  const rowsPerSecond = run.rows / run.seconds;
  const copyFloorRowsPerSecond = run.rows / best.seconds;
  return { rows: run.rows, rowsPerSecond, copyFloorRowsPerSecond, copyFloorLanes: best.lanes, ratioToCopy: rowsPerSecond / copyFloorRowsPerSecond };
}
