/**
 * The window rule applied to one factor family for every symbol at once: the benchmark window W, then each symbol's
 * returns. Symbols priced on every date of W go into one return panel (row after row) that the family fits in one
 * pass; symbols with gaps keep their own window and are fitted one by one.
 */
import { prepareResponsePanel, type ResponsePanel } from "../../math/prepare-response-panel";
import type { FactorFamilySpec } from "../factor-definitions";
import {
  computeFactorWindow,
  describeIncompleteBenchmark,
  findBenchmarkWindow,
  isPricePresent,
  type BenchmarkWindow,
  type PricePanel,
  type SymbolFactorWindow,
} from "./factor-window";
import { failSymbolFactor, type SymbolFactorTable } from "./symbol-factor-table";

export interface FamilyReturns {
  benchmark: BenchmarkWindow;
  /** Symbols (table indices) whose window is all of W, in input order. */
  sharedSymbols: Int32Array;
  /** Their N returns each, row r for sharedSymbols[r], centred once for every fit of every family using W. */
  shared: ResponsePanel;
  /** Symbols with gaps (every symbol when not batching), each with its own kept dates. */
  ownWindows: { symbolIndex: number; window: SymbolFactorWindow }[];
}

/** Alignment outcome per W and minimum: families whose W coincide (ridge, market and IR usually) align once. */
interface Alignment {
  sharedSymbols: Int32Array;
  shared: ResponsePanel;
  ownWindows: FamilyReturns["ownWindows"];
  failures: Map<number, string>;
}
export type AlignmentCache = Map<string, Alignment>;

/** Reason for returns that cannot be regressed, or null when they can. */
function checkReturns(symbol: string, returns: Float64Array, offset: number, n: number, minReturns: number): string | null {
  if (n < minReturns) return `Insufficient aligned data: ${n} returns (minimum ${minReturns})`;
  let constant = true;
  const first = returns[offset];
  for (let t = 0; t < n; t++) {
    const value = returns[offset + t];
    if (!Number.isFinite(value)) return `Non-finite return for ${symbol} in the window`;
    if (value !== first) constant = false;
  }
  return constant ? `Zero variance in ${symbol} returns over the window` : null;
}

/**
 * Writes the returns over W into row `offset` and reports whether the symbol is priced on every date of W (one pass;
 * the returns are those computeFactorWindow would give, the same divisions in the same order).
 */
function writeFullWindowReturns(prices: Float64Array, dateIndices: Int32Array, out: Float64Array, offset: number): boolean {
  let previous = prices[dateIndices[0]];
  let priced = isPricePresent(previous);
  for (let t = 1; t < dateIndices.length; t++) {
    const price = prices[dateIndices[t]];
    priced = priced && isPricePresent(price);
    out[offset + t - 1] = price / previous - 1;
    previous = price;
  }
  return priced;
}

function align(panel: PricePanel, table: SymbolFactorTable, benchmark: BenchmarkWindow, spec: FactorFamilySpec, batch: boolean): Alignment {
  const { dateIndices } = benchmark;
  const n = dateIndices.length - 1;
  const panelReturns = new Float64Array(batch ? table.symbols.length * n : 0);
  const sharedSymbols: number[] = [];
  const ownWindows: Alignment["ownWindows"] = [];
  const failures = new Map<number, string>();
  table.symbols.forEach((symbol, symbolIndex) => {
    const prices = panel.prices.get(symbol);
    if (batch && prices) {
      const offset = sharedSymbols.length * n;
      if (writeFullWindowReturns(prices, dateIndices, panelReturns, offset)) {
        const reason = checkReturns(symbol, panelReturns, offset, n, spec.minReturns);
        if (reason === null) sharedSymbols.push(symbolIndex);
        else failures.set(symbolIndex, reason);
        return;
      }
    }
    const outcome = computeFactorWindow(panel, symbol, benchmark); // also the reason of a symbol without a price in W
    if (!outcome.ok) failures.set(symbolIndex, outcome.reason);
    else {
      const reason = checkReturns(symbol, outcome.window.symbolReturns, 0, outcome.window.n, spec.minReturns);
      if (reason === null) ownWindows.push({ symbolIndex, window: outcome.window });
      else failures.set(symbolIndex, reason);
    }
  });
  const returns = panelReturns.subarray(0, sharedSymbols.length * n);
  return { sharedSymbols: Int32Array.from(sharedSymbols), shared: prepareResponsePanel(returns, n, returns), ownWindows, failures };
}

/**
 * W for the family, then every symbol's returns over it. Symbols without a price in W, with too few returns, with
 * non-finite or with constant returns fail the family here; null when W itself is incomplete (every symbol fails).
 */
export function alignFamilyReturns(
  panel: PricePanel,
  calcDate: string,
  spec: FactorFamilySpec,
  table: SymbolFactorTable,
  options: { batch: boolean; cache: AlignmentCache },
): FamilyReturns | null {
  const benchmark = findBenchmarkWindow(panel, { calcDate, regressorEtfs: spec.regressorEtfs, windowReturns: spec.windowReturns });
  if (!benchmark.complete) {
    const reason = describeIncompleteBenchmark(benchmark);
    table.symbols.forEach((_, symbolIndex) => failSymbolFactor(table, symbolIndex, spec.family, reason));
    return null;
  }
  const key = `${benchmark.dateIndices.join(",")}|${spec.minReturns}`;
  let alignment = options.cache.get(key);
  if (!alignment) options.cache.set(key, (alignment = align(panel, table, benchmark, spec, options.batch)));
  for (const [symbolIndex, reason] of alignment.failures) failSymbolFactor(table, symbolIndex, spec.family, reason);
  return { benchmark, sharedSymbols: alignment.sharedSymbols, shared: alignment.shared, ownWindows: alignment.ownWindows };
}
