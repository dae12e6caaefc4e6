/**
 * Phase 3 and its floor. Both start from copies of one database holding 365 trading days of synthetic prices (the
 * 8 regressor ETFs and `symbols` stocks with planted betas): the phase reads its panel, computes 12 factors per
 * symbol and writes them; the floor reads the same price rows and COPYs the rows the phase wrote.
 */
import path from "node:path";
import { createPhaseContext } from "../lib/batch/phase-types";
import { runFactorsPhase } from "../lib/batch/phases/03-factors";
import { getPool } from "../lib/db/client";
import { getPricePanelStartDate } from "../lib/db/price-panel";
import { lastTradingDayOnOrBefore } from "../lib/base/calendar";
import { REGRESSOR_ETFS } from "../lib/risk/factor-definitions";
import { buildSyntheticMarket, insertSyntheticMarket } from "../lib/testing/synthetic-market";
import type { BenchContext } from "./bench-context";
import { dropDatabase, useDatabaseCopy } from "./bench-database";
import { copyRowsBack, dumpRows, readRows, timeSeconds, type DumpedRows } from "./copy-floor";

/** A date long before any real listing, so the synthetic SPY/TLT/… rows never touch real history. */
const CALC_DATE = lastTradingDayOnOrBefore("1975-12-31");

export interface Phase3Benchmark {
  seconds: number;
  mathSeconds: number;
  rowsWritten: number;
  floorSeconds: number;
  ratioToFloor: number;
  /** Where the time went: the phase's read, math and write (its own timings) and the floor's read and COPY. */
  split: string;
}

/** The seed: prices in market_data and every symbol in symbol_universe (so the floor's rows meet their foreign key). */
async function seedMarket(symbols: readonly string[]): Promise<void> {
  const stocks = symbols.map((symbol, i) => ({ symbol, marketBeta: 0.4 + (1.2 * ((i * 37) % 100)) / 100 }));
  await insertSyntheticMarket(buildSyntheticMarket(CALC_DATE, 365, stocks));
  await getPool().query(
    `INSERT INTO symbol_universe (symbol, asset_type, first_seen_date, last_seen_date)
     SELECT s, CASE WHEN s = ANY($2::text[]) THEN 'etf' ELSE 'equity' END, $3, $3 FROM unnest($1::text[]) AS s
     ON CONFLICT (symbol) DO NOTHING`,
    [[...symbols, ...REGRESSOR_ETFS], REGRESSOR_ETFS, CALC_DATE],
  );
  await getPool().query("ANALYZE");
}

export async function benchmarkPhase3(context: BenchContext): Promise<Phase3Benchmark> {
  const symbols = Array.from({ length: context.symbols }, (_, i) => `FWBENCH${String(i).padStart(5, "0")}`);
  await useDatabaseCopy(context.cluster, context.template, "bench_phase3_seed");
  await seedMarket(symbols);

  // Two rounds of (floor, phase) on fresh copies, the best of each: the machine is shared, and neither side should
  // profit from running second on warm caches.
  let floorSeconds = Infinity;
  let floorSplit = "";
  let seconds = Infinity;
  let summary: Awaited<ReturnType<typeof runFactorsPhase>> | null = null;
  let dump: Awaited<ReturnType<typeof dumpRows>> | null = null;
  const panelFrom = await getPricePanelStartDate(CALC_DATE);
  const timeFloor = async (rows: DumpedRows) => {
    const read = await timeSeconds(() => readRows(`SELECT symbol, date, coalesce(adj_close, close) FROM market_data WHERE date BETWEEN '${panelFrom}' AND '${CALC_DATE}'`));
    return { read, write: await timeSeconds(() => copyRowsBack(rows)) };
  };
  const recordFloor = ({ read, write }: { read: number; write: number }) => {
    if (read + write >= floorSeconds) return;
    floorSeconds = read + write;
    floorSplit = `floor read ${read.toFixed(2)} s + COPY ${write.toFixed(2)} s`;
  };
  for (let round = 0; round < 2; round++) {
    if (dump) {
      const rows = dump;
      await useDatabaseCopy(context.cluster, "bench_phase3_seed", "bench_phase3_floor");
      recordFloor(await timeFloor(rows));
    }
    await useDatabaseCopy(context.cluster, "bench_phase3_seed", "bench_phase3");
    const started = performance.now();
    const run = () => runFactorsPhase(createPhaseContext(CALC_DATE, { symbols }));
    const result = round === 0 ? await context.profiler.profile("phase3", run) : await run();
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed < seconds) {
      seconds = elapsed;
      summary = result;
    }
    dump ??= await dumpRows("symbol_factor_exposures", `calculation_date = '${CALC_DATE}'`, path.join(context.workDir, "factor-rows.copy"));
    if (dump.rows !== Number(result.result.rowsWritten)) throw new Error(`phase 3 reported ${String(result.result.rowsWritten)} rows but ${dump.rows} are stored`);
  }
  await useDatabaseCopy(context.cluster, "bench_phase3_seed", "bench_phase3_floor");
  recordFloor(await timeFloor(dump!));
  const rowsWritten = dump!.rows;
  for (const name of ["bench_phase3_floor", "bench_phase3", "bench_phase3_seed"]) await dropDatabase(context.cluster, name);
  const timings = summary!.result.timings as { readMs: number; mathMs: number; writeMs: number };
  const split = `phase read ${(timings.readMs / 1000).toFixed(2)} s, math ${(timings.mathMs / 1000).toFixed(2)} s, write ${(timings.writeMs / 1000).toFixed(2)} s; ${floorSplit}`;
  return { seconds, mathSeconds: timings.mathMs / 1000, rowsWritten, floorSeconds, ratioToFloor: seconds / floorSeconds, split };
}
