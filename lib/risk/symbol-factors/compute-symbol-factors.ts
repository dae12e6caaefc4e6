import { FACTOR_FAMILIES } from "../factor-definitions";
import { alignFamilyReturns, type AlignmentScratch } from "./family-returns";
import { describeIncompleteBenchmark, findBenchmarkWindow } from "./factor-window";
import { createOlsFamilyFit } from "./fit-ols-family";
import { createRidgeFamilyFit } from "./fit-ridge-family";
import type { ComputeSymbolFactorsInput, SymbolFactorsResult } from "./symbol-factor-exposure";
import { createSymbolFactorTable, failSymbolFactor, toSymbolFactorsResult, type SymbolFactorTable } from "./symbol-factor-table";

export type { ComputeSymbolFactorsInput, SymbolFactorExposure, SymbolFactorsResult } from "./symbol-factor-exposure";

const FAMILY_ORDER = ["ridge", "spread", "market", "ir"] as const;
/**
 * Symbols per block: a block's return panels (≈ 2 MB) stay in the processor's cache from alignment to fit, and the
 * same buffers serve every block, so a large universe costs no more per symbol than a small one.
 */
export const SYMBOL_BLOCK_SIZE = 1024;

/**
 * The 12 computed symbol factors (Provider Beta comes from company_profiles, not from here) for one calc date:
 * ridge (6 betas, α = 1), 4 spreads, Market Beta (90D) and IR Beta, each over its own benchmark window, as a table.
 * Each family's window and design are prepared once, then the symbols are taken block by block. Per-symbol problems
 * become failure reasons; this function does not throw for bad symbol data.
 * Complexity: O(S·(N·k + k²)) per family for S symbols, N returns and k regressors.
 */
export function computeSymbolFactorTable(input: ComputeSymbolFactorsInput): SymbolFactorTable {
  const table = createSymbolFactorTable(input.calcDate, input.panel.dates, [...new Set(input.symbols)]);
  const families = FAMILY_ORDER.map((familyId) => {
    const spec = FACTOR_FAMILIES[familyId];
    const benchmark = findBenchmarkWindow(input.panel, { calcDate: input.calcDate, regressorEtfs: spec.regressorEtfs, windowReturns: spec.windowReturns });
    if (!benchmark.complete) return { spec, benchmark, incomplete: describeIncompleteBenchmark(benchmark), fit: null };
    return { spec, benchmark, incomplete: null, fit: familyId === "ridge" ? createRidgeFamilyFit(spec, benchmark) : createOlsFamilyFit(spec, benchmark) };
  });
  const priceRows = table.symbols.map((symbol) => input.panel.prices.get(symbol));
  const scratch: AlignmentScratch = { batch: input.batch ?? true, priceRows, alignments: new Map(), buffers: new Map() };
  const size = Math.min(SYMBOL_BLOCK_SIZE, table.symbols.length);
  for (let start = 0; start < table.symbols.length; start += SYMBOL_BLOCK_SIZE) {
    const block = { start, end: Math.min(start + SYMBOL_BLOCK_SIZE, table.symbols.length), size };
    scratch.alignments.clear();
    for (const { spec, benchmark, incomplete, fit } of families) {
      if (fit) fit(input.panel, alignFamilyReturns(input.panel, spec, benchmark, table, block, scratch), table);
      else for (let symbolIndex = block.start; symbolIndex < block.end; symbolIndex++) failSymbolFactor(table, symbolIndex, spec.family, incomplete!);
    }
  }
  return table;
}

/** {@link computeSymbolFactorTable} as records per symbol and factor (the CLI's document and the tests' view). */
export function computeSymbolFactors(input: ComputeSymbolFactorsInput): SymbolFactorsResult {
  return toSymbolFactorsResult(computeSymbolFactorTable(input));
}
