/**
 * The factor math alone (computeSymbolFactorTable, all four families, batched) on a synthetic panel, and its numpy
 * floor: the same 12 factors for the same panel, vectorised (bench/factor-math-numpy.py), timed in the same run.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createSeededNormal } from "../lib/math/seeded-normal";
import { REGRESSOR_ETFS } from "../lib/risk/factor-definitions";
import { computeSymbolFactorTable } from "../lib/risk/symbol-factors/compute-symbol-factors";
import type { PricePanel } from "../lib/risk/symbol-factors/factor-window";

/** The order the numpy script reads the ETFs in. */
const NUMPY_ETF_ORDER = ["SPY", "TLT", "VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"];

/** Weekday ISO dates ending 2026-01-30 (a stand-in calendar: the benchmark needs dates, not holidays). */
function listWeekdays(count: number): string[] {
  const dates: string[] = [];
  for (let day = Date.UTC(2026, 0, 30); dates.length < count; day -= 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates.reverse();
}

/** A synthetic panel: 8 regressor ETFs plus `symbolCount` stocks with planted betas, `days` prices each, no gaps. */
export function buildSyntheticPanel(symbolCount: number, days = 365, seed = 7): { panel: PricePanel; symbols: string[] } {
  const normal = createSeededNormal(seed);
  const dates = listWeekdays(days);
  const prices = new Map<string, Float64Array>();
  const market = Float64Array.from(dates, () => 0.0004 + 0.01 * normal());
  const etfReturns = REGRESSOR_ETFS.map((etf, e) => Float64Array.from(market, (m) => (etf === "TLT" ? -0.2 * m : m * (0.8 + 0.05 * e)) + 0.004 * normal()));
  const toPrices = (returns: Float64Array) => {
    const series = new Float64Array(days);
    series[0] = 100;
    for (let t = 1; t < days; t++) series[t] = series[t - 1] * (1 + returns[t]);
    return series;
  };
  REGRESSOR_ETFS.forEach((etf, e) => prices.set(etf, toPrices(etfReturns[e])));
  const symbols = Array.from({ length: symbolCount }, (_, s) => `S${String(s).padStart(5, "0")}`);
  for (const symbol of symbols) {
    const loadings = REGRESSOR_ETFS.map(() => 0.3 * normal());
    const returns = Float64Array.from(market, (_, t) => loadings.reduce((sum, beta, e) => sum + beta * etfReturns[e][t], 0) + 0.015 * normal());
    prices.set(symbol, toPrices(returns));
  }
  return { panel: { dates, prices }, symbols };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * Median seconds of `repetitions` timed runs after untimed warm-up runs on the whole panel: at least three, and at
 * least 15,000 symbols' worth, so small panels reach V8's optimised code as numpy's compiled code already is.
 */
function timeJavaScript(panel: PricePanel, symbols: string[], repetitions: number): number {
  const calcDate = panel.dates[panel.dates.length - 1];
  for (let warm = 0; warm < Math.max(3, Math.ceil(15_000 / symbols.length)); warm++) computeSymbolFactorTable({ panel, calcDate, symbols });
  const seconds: number[] = [];
  for (let run = 0; run < repetitions; run++) {
    const started = performance.now();
    computeSymbolFactorTable({ panel, calcDate, symbols });
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

/** The numpy floor in seconds, or a sentence saying why there is none (no python3, no numpy). */
function timeNumpy(panel: PricePanel, symbols: string[], workDir: string): { seconds: number | null; note: string } {
  const file = path.join(workDir, "factor-math-panel.bin");
  const days = panel.dates.length;
  const header = Buffer.alloc(8);
  header.writeInt32LE(symbols.length, 0);
  header.writeInt32LE(days, 4);
  const body = Buffer.alloc((NUMPY_ETF_ORDER.length + symbols.length) * days * 8);
  [...NUMPY_ETF_ORDER, ...symbols].forEach((symbol, row) => {
    panel.prices.get(symbol)!.forEach((price, t) => body.writeDoubleLE(price, (row * days + t) * 8));
  });
  writeFileSync(file, Buffer.concat([header, body]));
  const script = path.join(import.meta.dirname, "factor-math-numpy.py");
  let best: { seconds: number; pValues: string; threads: string } | null = null;
  for (const threads of ["1", "default"]) {
    const env = threads === "1" ? { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" } : process.env;
    const run = spawnSync("python3", [script, file], { encoding: "utf8", env });
    if (run.error) return { seconds: null, note: `n/a: python3 did not start (${run.error.message})` };
    if (run.status !== 0) return { seconds: null, note: `n/a: ${run.stderr.trim().split("\n").pop() ?? "the numpy script failed"}` };
    const result = JSON.parse(run.stdout) as { seconds: number; pValues: string };
    if (best === null || result.seconds < best.seconds) best = { ...result, threads };
  }
  const pValues = best!.pValues === "scipy" ? "numpy + scipy p-values" : "numpy without p-values (no scipy)";
  return { seconds: best!.seconds, note: `${pValues}; BLAS threads: ${best!.threads} (the faster of 1 and the default)` };
}

export interface FactorMathBenchmark {
  seconds: number;
  numpySeconds: number | null;
  numpyNote: string;
}

/** JavaScript and numpy on the same panel, alternately, each the median of 5 runs. */
export function benchmarkFactorMath(symbolCount: number, workDir: string): FactorMathBenchmark {
  const { panel, symbols } = buildSyntheticPanel(symbolCount);
  const numpy = timeNumpy(panel, symbols, workDir);
  return { seconds: timeJavaScript(panel, symbols, 5), numpySeconds: numpy.seconds, numpyNote: numpy.note };
}
