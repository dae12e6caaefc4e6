/**
 * The window rule applied to one factor family for a block of symbols at once: each symbol's returns over the
 * family's benchmark window W. Symbols priced on every date of W go into one return panel (row after row) that the
 * family fits in one pass; symbols with gaps keep their own window and are fitted one by one.
 */
import { centerResponseRow, type ResponsePanel } from "../../math/prepare-response-panel";
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
  /** Each table symbol's prices (undefined when the panel has none), looked up once per computation. */
  priceRows: readonly (Float64Array | undefined)[];
  /** Alignments of the current block, by W and minimum (cleared for each block). */
  alignments: Map<string, Alignment>;
  /** Return panels by W and minimum (block size rows of N), reused: no fresh memory to fault in per block. */
  buffers: Map<string, ResponsePanel>;
}

/** Reason for returns that cannot be regressed, or null when they can. */
function checkReturns(symbol: string, returns: Float64Array, offset: number, n: number, minReturns: number): string | null {
  if (n < minReturns) return `Insufficient aligned data: ${n} returns (minimum ${minReturns})`;
  let constant = true;
  let sum = 0;
  const first = returns[offset];
  for (let t = 0; t < n; t++) {
    const value = returns[offset + t];
    if (!Number.isFinite(value)) return `Non-finite return for ${symbol} in the window`;
    if (value !== first) constant = false;
    sum += value;
  }
  if (constant) return zeroVarianceReason(symbol);
  // The centred sum of squares, as the fits compute it: finite sums can still square past the largest double.
  const mean = sum / n;
  let sst = 0;
  for (let t = 0; t < n; t++) sst += (returns[offset + t] - mean) ** 2;
  return Number.isFinite(sum) && Number.isFinite(sst) ? null : tooLargeReason(symbol);
}

function zeroVarianceReason(symbol: string): string {
  return `Zero variance in ${symbol} returns over the window`;
}

/** Finite returns whose squares overflow (a price jumping from 1e-300 to 1e8): no statistic of a fit to them is finite. */
function tooLargeReason(symbol: string): string {
  return `Returns of ${symbol} too large to regress over the window`;
}

/**
 * Writes the N returns over W into row `offset` (the kernel of writeSimpleReturnsAt: the same divisions in the same
 * order) and returns their sum in order, or null when the symbol lacks a price on some date of W. One pass does the
 * returns, the presence check and the sum the centring needs; a non-finite return makes the sum non-finite.
 */
function writeFullWindowReturns(prices: Float64Array, dateIndices: Int32Array, out: Float64Array, offset: number): number | null {
  let previous = prices[dateIndices[0]];
  if (!isPricePresent(previous)) return null;
  let sum = 0;
  for (let t = 1; t < dateIndices.length; t++) {
    const price = prices[dateIndices[t]];
    if (!isPricePresent(price)) return null;
    const value = price / previous - 1;
    out[offset + t - 1] = value;
    sum += value;
    previous = price;
  }
  return sum;
}

/** Whether the n values from `offset` are all equal (stops at the first that differs: O(1) for real returns). */
function isConstantRow(values: Float64Array, offset: number, n: number): boolean {
  const first = values[offset];
  for (let t = 1; t < n; t++) if (values[offset + t] !== first) return false;
  return true;
}

/**
 * The shared row of a symbol priced on every date of W, centred in place, or the reason it cannot be regressed (its
 * returns are then not kept). Null when the symbol lacks a price in W: it takes its own window.
 */
function alignFullWindow(symbol: string, prices: Float64Array, dateIndices: Int32Array, panel: ResponsePanel, row: number, minReturns: number): { reason: string | null } | null {
  const { n, centered } = panel;
  const offset = row * n;
  const sum = writeFullWindowReturns(prices, dateIndices, centered, offset);
  if (sum === null) return null;
  // A finite sum means finite returns; otherwise (or when too short) the full check finds the reason, if any.
  const reason = n < minReturns || !Number.isFinite(sum) ? checkReturns(symbol, centered, offset, n, minReturns) : isConstantRow(centered, offset, n) ? zeroVarianceReason(symbol) : null;
  if (reason !== null) return { reason };
  centerResponseRow(centered, sum, panel, row);
  return { reason: Number.isFinite(panel.ssts[row]) ? null : tooLargeReason(symbol) };
}

function align(panel: PricePanel, table: SymbolFactorTable, benchmark: BenchmarkWindow, spec: FactorFamilySpec, block: { start: number; end: number }, work: ResponsePanel, scratch: AlignmentScratch): Alignment {
  const { dateIndices } = benchmark;
  const sharedSymbols: number[] = [];
  const ownWindows: Alignment["ownWindows"] = [];
  const failures = new Map<number, string>();
  for (let symbolIndex = block.start; symbolIndex < block.end; symbolIndex++) {
    const symbol = table.symbols[symbolIndex];
    const prices = scratch.priceRows[symbolIndex];
    if (scratch.batch && prices) {
      const full = alignFullWindow(symbol, prices, dateIndices, work, sharedSymbols.length, spec.minReturns);
      if (full !== null) {
        if (full.reason === null) sharedSymbols.push(symbolIndex);
        else failures.set(symbolIndex, full.reason);
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
  const rows = sharedSymbols.length;
  const shared: ResponsePanel = {
    rows, n: work.n, means: work.means.subarray(0, rows), centered: work.centered.subarray(0, rows * work.n), ssts: work.ssts.subarray(0, rows),
  };
  return { sharedSymbols: Int32Array.from(sharedSymbols), shared, ownWindows, failures };
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
    let work = scratch.buffers.get(key);
    if (!work) {
      const n = benchmark.dateIndices.length - 1;
      const rows = scratch.batch ? block.size : 0;
      work = { rows, n, means: new Float64Array(rows), centered: new Float64Array(rows * n), ssts: new Float64Array(rows) };
      scratch.buffers.set(key, work);
    }
    scratch.alignments.set(key, (alignment = align(panel, table, benchmark, spec, block, work, scratch)));
  }
  for (const [symbolIndex, reason] of alignment.failures) failSymbolFactor(table, symbolIndex, spec.family, reason);
  return { benchmark, sharedSymbols: alignment.sharedSymbols, shared: alignment.shared, ownWindows: alignment.ownWindows };
}
