import { FACTOR_FAMILIES } from "../factor-definitions";
import { alignFamilyReturns, type AlignmentCache } from "./family-returns";
import { fitOlsFamily } from "./fit-ols-family";
import { fitRidgeFamily } from "./fit-ridge-family";
import type { ComputeSymbolFactorsInput, SymbolFactorsResult } from "./symbol-factor-exposure";
import { createSymbolFactorTable, toSymbolFactorsResult, type SymbolFactorTable } from "./symbol-factor-table";

export type { ComputeSymbolFactorsInput, FactorFailures, SymbolFactorExposure, SymbolFactorsResult } from "./symbol-factor-exposure";

const FAMILY_ORDER = ["ridge", "spread", "market", "ir"] as const;

/**
 * The 12 computed symbol factors (Provider Beta comes from company_profiles, not from here) for one calc date:
 * ridge (6 betas, α = 1), 4 spreads, Market Beta (90D) and IR Beta, each over its own benchmark window, as a table.
 * Per-symbol problems become failure reasons; this function does not throw for bad symbol data.
 * Complexity: O(S·(N·k + k²)) per family for S symbols, N returns and k regressors.
 */
export function computeSymbolFactorTable(input: ComputeSymbolFactorsInput): SymbolFactorTable {
  const table = createSymbolFactorTable(input.calcDate, input.panel.dates, [...new Set(input.symbols)]);
  const options = { batch: input.batch ?? true, cache: new Map() as AlignmentCache };
  for (const familyId of FAMILY_ORDER) {
    const spec = FACTOR_FAMILIES[familyId];
    const family = alignFamilyReturns(input.panel, input.calcDate, spec, table, options);
    if (family === null) continue;
    if (familyId === "ridge") fitRidgeFamily(input.panel, spec, family, table);
    else fitOlsFamily(input.panel, spec, family, table);
  }
  return table;
}

/** {@link computeSymbolFactorTable} as records per symbol and factor (the CLI's document and the tests' view). */
export function computeSymbolFactors(input: ComputeSymbolFactorsInput): SymbolFactorsResult {
  return toSymbolFactorsResult(computeSymbolFactorTable(input));
}
