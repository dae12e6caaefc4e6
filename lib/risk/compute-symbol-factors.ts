import { FACTOR_FAMILIES } from "./factor-definitions";
import { alignFamilySymbols, createFactorSink, type AlignmentCache } from "./compute-symbol-factors-family";
import { fitOlsFamily, fitRidgeFamily } from "./compute-symbol-factors-fits";
import type { ComputeSymbolFactorsInput, SymbolFactorsResult } from "./compute-symbol-factors-types";

export type {
  ComputeSymbolFactorsInput,
  FactorFailures,
  SymbolFactorExposure,
  SymbolFactorsResult,
} from "./compute-symbol-factors-types";

const FAMILY_ORDER = ["ridge", "spread", "market", "ir"] as const;

/**
 * The 12 computed symbol factors (Provider Beta comes from company_profiles, not from here) for one calc date:
 * ridge (6 betas, α = 1), 4 spreads, Market Beta (90D) and IR Beta, each per D3/D4 with its own benchmark window.
 * Per-symbol problems become failure reasons; this function does not throw for bad symbol data.
 */
export function computeSymbolFactors(input: ComputeSymbolFactorsInput): SymbolFactorsResult {
  const symbols = [...new Set(input.symbols)];
  const batch = input.batch ?? true;
  const sink = createFactorSink(input.calcDate, symbols);
  const cache: AlignmentCache = new Map();
  for (const family of FAMILY_ORDER) {
    const spec = FACTOR_FAMILIES[family];
    const { benchmark, aligned } = alignFamilySymbols(input.panel, input.calcDate, spec, symbols, sink, cache);
    if (aligned.length === 0) continue;
    const context = { panel: input.panel, spec, benchmark, batch, sink };
    if (family === "ridge") fitRidgeFamily(context, aligned);
    else fitOlsFamily(context, aligned);
  }
  return sink.finish();
}
