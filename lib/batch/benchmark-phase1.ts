/**
 * Phase 1 throughput benchmark for `npm run bench`: loads `symbolCount` synthetic simulated tickers × the 365-day
 * window into the database at DATABASE_URL (meant to be empty) and times the whole phase (fetch + validate + COPY).
 */
import { createSyntheticUniverse } from "@/lib/market-data/simulated-market";
import { SimulatedProvider } from "@/lib/market-data/simulated-provider";
import { latestCompletedTradingDay } from "@/lib/risk/calendar";
import { createPhaseContext } from "./phase-types";
import { runMarketDataPhase } from "./phases/01-market-data";

export interface Phase1Benchmark {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export async function benchmarkPhase1(symbolCount: number, options: { calcDate?: string } = {}): Promise<Phase1Benchmark> {
  const calcDate = options.calcDate ?? latestCompletedTradingDay(new Date());
  const symbols = createSyntheticUniverse(symbolCount).map((equity) => equity.ticker);
  const provider = new SimulatedProvider();
  const started = performance.now();
  const summary = await runMarketDataPhase(createPhaseContext(calcDate, { symbols }), { provider });
  const seconds = (performance.now() - started) / 1000;
  if (summary.status !== "completed") {
    throw new Error(`benchmarkPhase1: phase 1 ended ${summary.status}: ${summary.errors.slice(0, 3).map((e) => e.message).join("; ")}`);
  }
  const rows = Number(summary.result.rowsWritten);
  return { rows, seconds, rowsPerSecond: seconds > 0 ? rows / seconds : 0 };
}
