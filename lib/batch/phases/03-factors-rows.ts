import type { SymbolFactorExposureRow } from "../../db/symbol-factor-exposures";
import { CAP_ABS_BETA, FACTOR_FAMILIES, PROVIDER_BETA_FACTOR, RIDGE_ALPHA, type FactorFamily } from "../../risk/factor-definitions";
import { capBeta, COMPUTED_FACTORS, type SymbolFactorTable } from "../../risk/symbol-factors/symbol-factor-table";
import type { PhaseErrorDetail } from "../phase-types";

/** Provider rows (R25): a 252-day nominal window and 252 observations, whatever the provider's own method. */
export const PROVIDER_OBSERVATIONS = 252;
/** Structured per-symbol errors kept in the summary; the rest are only counted (step output stays small). */
export const MAX_ERROR_DETAILS = 500;

export const COMPUTED_FAMILIES = ["ridge", "spread", "market", "ir"] as const satisfies readonly FactorFamily[];
export type ComputedFamily = (typeof COMPUTED_FAMILIES)[number];

function requireFactorId(factorIds: ReadonlyMap<string, number>, name: string): number {
  const id = factorIds.get(name);
  if (id === undefined) throw new Error(`factor_definitions has no row named "${name}"; seed the reference data first`);
  return id;
}

/** The engine's estimates as table rows, symbol by symbol in display order (betas capped, r² 0 stays 0). */
export function buildComputedRows(table: SymbolFactorTable, factorIds: ReadonlyMap<string, number>): SymbolFactorExposureRow[] {
  const columns = COMPUTED_FACTORS.map((factor) => {
    const spec = FACTOR_FAMILIES[factor.family as ComputedFamily];
    const ols = spec.family !== "ridge";
    return { factorId: requireFactorId(factorIds, factor.name), spec, ols, alpha: ols ? null : RIDGE_ALPHA };
  });
  const rows: SymbolFactorExposureRow[] = [];
  table.symbols.forEach((symbol, s) => {
    columns.forEach((column, c) => {
      const cell = s * columns.length + c;
      if (table.computed[cell] !== 1) return;
      const rawBeta = table.rawBeta[cell];
      rows.push({
        symbol,
        factorId: column.factorId,
        calculationDate: table.calcDate,
        betaValue: capBeta(rawBeta),
        rSquared: table.rSquared[cell],
        observations: table.observations[cell],
        windowStart: table.dates[table.windowStart[cell]],
        windowEnd: table.dates[table.windowEnd[cell]],
        standardError: column.ols ? table.standardError[cell] : null,
        tStat: column.ols ? table.tStat[cell] : null,
        pValue: column.ols ? table.pValue[cell] : null,
        isCapped: Math.abs(rawBeta) > CAP_ABS_BETA,
        qualityFlag: "full_history",
        calculationMethod: column.spec.methodTag,
        regularizationAlpha: column.alpha,
        regressionWindowDays: column.spec.windowReturns,
      });
    });
  });
  return rows;
}

/** Provider Beta (1Y) rows copied from company_profiles.beta (R25). */
export function buildProviderRows(
  betas: ReadonlyMap<string, number>,
  calcDate: string,
  factorIds: ReadonlyMap<string, number>,
): SymbolFactorExposureRow[] {
  const factorId = requireFactorId(factorIds, PROVIDER_BETA_FACTOR);
  return [...betas].map(([symbol, beta]) => ({
    symbol,
    factorId,
    calculationDate: calcDate,
    betaValue: beta,
    rSquared: null,
    observations: PROVIDER_OBSERVATIONS,
    windowStart: null,
    windowEnd: null,
    standardError: null,
    tStat: null,
    pValue: null,
    isCapped: false,
    qualityFlag: "full_history",
    calculationMethod: "provider",
    regularizationAlpha: null,
    regressionWindowDays: PROVIDER_OBSERVATIONS,
  }));
}

/** Machine type of an engine failure reason. */
export function classifyFailure(reason: string): string {
  if (reason.startsWith("Insufficient aligned data")) return "insufficient_data";
  if (reason.startsWith("Zero variance")) return "zero_variance";
  if (reason.startsWith("No price for")) return "no_prices";
  if (reason.startsWith("Benchmark window incomplete")) return "benchmark_incomplete";
  if (reason.startsWith("Non-finite")) return "non_finite";
  return "calculation_error";
}

export interface FamilyCount {
  calculated: number;
  failed: number;
  skipped: number;
}

export interface FactorOutcomes {
  done: string[];
  failed: string[];
  familyCounts: Record<ComputedFamily | "provider", FamilyCount>;
  cappedBetas: number;
  errors: PhaseErrorDetail[];
  errorCounts: Record<string, number>;
}

/**
 * Per-symbol outcome: done when at least one computed family produced a beta, failed when all four failed.
 * Every failure reason becomes a structured error (the first MAX_ERROR_DETAILS are kept, all are counted).
 */
export function summarizeFactorOutcomes(
  table: SymbolFactorTable,
  providerBetas: ReadonlyMap<string, number>,
): FactorOutcomes {
  const zero = (): FamilyCount => ({ calculated: 0, failed: 0, skipped: 0 });
  const familyCounts = { ridge: zero(), spread: zero(), market: zero(), ir: zero(), provider: zero() };
  const outcomes: FactorOutcomes = { done: [], failed: [], familyCounts, cappedBetas: 0, errors: [], errorCounts: {} };
  const width = COMPUTED_FACTORS.length;
  table.symbols.forEach((symbol, s) => {
    const succeeded = new Set<string>();
    for (let c = 0; c < width; c++) {
      const cell = s * width + c;
      if (table.computed[cell] !== 1) continue;
      succeeded.add(COMPUTED_FACTORS[c].family);
      if (Math.abs(table.rawBeta[cell]) > CAP_ABS_BETA) outcomes.cappedBetas += 1;
    }
    for (const family of COMPUTED_FAMILIES) familyCounts[family][succeeded.has(family) ? "calculated" : "failed"] += 1;
    if (providerBetas.has(symbol)) familyCounts.provider.calculated += 1;
    else familyCounts.provider.skipped += 1;
    (succeeded.size > 0 ? outcomes.done : outcomes.failed).push(symbol);
    for (const [factor, message] of Object.entries(table.failures[symbol] ?? {})) {
      const type = classifyFailure(message);
      outcomes.errorCounts[type] = (outcomes.errorCounts[type] ?? 0) + 1;
      if (outcomes.errors.length < MAX_ERROR_DETAILS) outcomes.errors.push({ type, symbol, factor, message });
    }
  });
  return outcomes;
}
