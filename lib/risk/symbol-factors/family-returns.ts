/**
 * The window rule applied to one factor family for a block of symbols at once: each symbol's returns over the
 * family's benchmark window W. Symbols priced on every date of W go into one return panel (row after row) that the
 * family fits in one pass; symbols with gaps keep their own window and are fitted one by one.
 */
import { writeSimpleReturnsAt } from "../../math/simple-returns";
import { prepareResponsePanel, type ResponsePanel } from "../../math/prepare-response-panel";
import type { FactorFamilySpec } from "../factor-definitions";
import { computeFactorWindow, isPricePresent, type BenchmarkWindow, type PricePanel, type SymbolFactorWindow } from "./factor-window";
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

/** What the blocks of one computation share: alignments of the current block, and return buffers reused block after block. */
export interface AlignmentScratch {
  batch: boolean;
  /** Alignments of the current block, by W and minimum (cleared for each block). */
  alignments: Map<string, Alignment>;
  /** Return-panel buffers by W and minimum (block size × N), reused: no fresh memory to fault in per block. */
  buffers: Map<string, Float64Array>;
}

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
 * Writes the returns over W into row `offset` and reports whether the symbol is priced on every date of W (the
 * returns are those computeFactorWindow would give: the same kernel, the same divisions in the same order).
 */
function writeFullWindowReturns(prices: Float64Array, dateIndices: Int32Array, out: Float64Array, offset: number): boolean {
  writeSimpleReturnsAt(prices, dateIndices, out, offset);
  for (let t = 0; t < dateIndices.length; t++) if (!isPricePresent(prices[dateIndices[t]])) return false;
  return true;
}

function align(panel: PricePanel, table: SymbolFactorTable, benchmark: BenchmarkWindow, spec: FactorFamilySpec, block: { start: number; end: number }, buffer: Float64Array, batch: boolean): Alignment {
  const { dateIndices } = benchmark;
  const n = dateIndices.length - 1;
  const sharedSymbols: number[] = [];
  const ownWindows: Alignment["ownWindows"] = [];
  const failures = new Map<number, string>();
  for (let symbolIndex = block.start; symbolIndex < block.end; symbolIndex++) {
    const symbol = table.symbols[symbolIndex];
    const prices = panel.prices.get(symbol);
    if (batch && prices) {
      const offset = sharedSymbols.length * n;
      if (writeFullWindowReturns(prices, dateIndices, buffer, offset)) {
        const reason = checkReturns(symbol, buffer, offset, n, spec.minReturns);
        if (reason === null) sharedSymbols.push(symbolIndex);
        else failures.set(symbolIndex, reason);
        continue;
      }
    }
    const outcome = computeFactorWindow(panel, symbol, benchmark); // also the reason of a symbol without a price in W
    if (!outcome.ok) failures.set(symbolIndex, outcome.reason);
    else {
      const reason = checkReturns(symbol, outcome.window.symbolReturns, 0, outcome.window.n, spec.minReturns);
      if (reason === null) ownWindows.push({ symbolIndex, window: outcome.window });
      else failures.set(symbolIndex, reason);
    }
  }
  const returns = buffer.subarray(0, sharedSymbols.length * n);
  return { sharedSymbols: Int32Array.from(sharedSymbols), shared: prepareResponsePanel(returns, n, returns), ownWindows, failures };
}

/**
 * Every symbol of the block [start, end) over the family's (complete) W. Symbols without a price in W, with too few
 * returns, with non-finite or with constant returns fail the family here.
 */
export function alignFamilyReturns(
  panel: PricePanel,
  spec: FactorFamilySpec,
  benchmark: BenchmarkWindow,
  table: SymbolFactorTable,
  block: { start: number; end: number; size: number },
  scratch: AlignmentScratch,
): FamilyReturns {
  const key = `${benchmark.dateIndices.join(",")}|${spec.minReturns}`;
  let alignment = scratch.alignments.get(key);
  if (!alignment) {
    let buffer = scratch.buffers.get(key);
    if (!buffer) scratch.buffers.set(key, (buffer = new Float64Array(scratch.batch ? block.size * (benchmark.dateIndices.length - 1) : 0)));
    scratch.alignments.set(key, (alignment = align(panel, table, benchmark, spec, block, buffer, scratch.batch)));
  }
  for (const [symbolIndex, reason] of alignment.failures) failSymbolFactor(table, symbolIndex, spec.family, reason);
  return { benchmark, sharedSymbols: alignment.sharedSymbols, shared: alignment.shared, ownWindows: alignment.ownWindows };
}
