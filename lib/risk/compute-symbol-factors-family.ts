import type { OlsFit } from "../math/fit-ols";
import { CAP_ABS_BETA, FACTOR_DEFINITIONS, type FactorDefinition, type FactorFamilySpec } from "./factor-definitions";
import type { SymbolFactorExposure, SymbolFactorsResult } from "./compute-symbol-factors-types";
import {
  computeFactorWindow,
  describeIncompleteBenchmark,
  findBenchmarkWindow,
  type BenchmarkWindow,
  type PricePanel,
  type SymbolFactorWindow,
} from "./factor-window";

export interface AlignedSymbol {
  symbol: string;
  window: SymbolFactorWindow;
}

/** Collects exposures and failures while the families run. */
export interface FactorSink {
  result: SymbolFactorsResult;
  fail(symbol: string, key: string, reason: string): void;
  record(symbol: string, factor: FactorDefinition, exposure: SymbolFactorExposure): void;
}

const FACTOR_NAMES_BY_DISPLAY_ORDER = [...FACTOR_DEFINITIONS].sort((a, b) => a.displayOrder - b.displayOrder).map((f) => f.name);

/** Exposures are kept in per-symbol slots (by display order) and turned into records once, in display order. */
export function createFactorSink(calcDate: string, symbols: readonly string[]): FactorSink & { finish(): SymbolFactorsResult } {
  const result: SymbolFactorsResult = { calcDate, exposures: {}, failures: {} };
  const slots = new Map(symbols.map((symbol) => [symbol, new Array<SymbolFactorExposure | undefined>(FACTOR_NAMES_BY_DISPLAY_ORDER.length)]));
  return {
    result,
    fail(symbol, key, reason) {
      (result.failures[symbol] ??= {})[key] = reason;
    },
    record(symbol, factor, exposure) {
      slots.get(symbol)![factor.displayOrder] = exposure;
    },
    finish() {
      for (const [symbol, symbolSlots] of slots) {
        const record: Record<string, SymbolFactorExposure> = {};
        symbolSlots.forEach((exposure, order) => {
          if (exposure) record[FACTOR_NAMES_BY_DISPLAY_ORDER[order]] = exposure;
        });
        result.exposures[symbol] = record;
      }
      return result;
    },
  };
}

/** Factor definitions of a family in display order. */
export function listFamilyFactors(spec: FactorFamilySpec): FactorDefinition[] {
  return FACTOR_DEFINITIONS.filter((factor) => factor.family === spec.family);
}

type SymbolOutcome = { ok: true; window: SymbolFactorWindow } | { ok: false; reason: string };

/**
 * Symbol outcomes keyed by the benchmark window's dates and the family minimum: families whose W coincide
 * (ridge, market and IR usually do) align each symbol once.
 */
export type AlignmentCache = Map<string, Map<string, SymbolOutcome>>;

/** Reason for a symbol whose aligned returns cannot be regressed, or null when they can. */
function checkSymbolReturns(symbol: string, window: SymbolFactorWindow, minReturns: number): string | null {
  if (window.n < minReturns) return `Insufficient aligned data: ${window.n} returns (minimum ${minReturns})`;
  const returns = window.symbolReturns;
  let constant = true;
  for (let t = 0; t < returns.length; t++) {
    if (!Number.isFinite(returns[t])) return `Non-finite return for ${symbol} in the window`;
    if (returns[t] !== returns[0]) constant = false;
  }
  return constant ? `Zero variance in ${symbol} returns over the window` : null;
}

function alignSymbol(
  panel: PricePanel,
  symbol: string,
  benchmark: BenchmarkWindow,
  minReturns: number,
  pooledReturns: Float64Array,
): SymbolOutcome {
  const outcome = computeFactorWindow(panel, symbol, benchmark, pooledReturns);
  if (!outcome.ok) return outcome;
  const reason = checkSymbolReturns(symbol, outcome.window, minReturns);
  return reason === null ? outcome : { ok: false, reason };
}

/**
 * D3 per family: W once, then each symbol's aligned window. Symbols without enough returns, with non-finite
 * returns or with zero-variance returns fail the family here; the rest go on to the fits.
 */
export function alignFamilySymbols(
  panel: PricePanel,
  calcDate: string,
  spec: FactorFamilySpec,
  symbols: readonly string[],
  sink: FactorSink,
  cache: AlignmentCache = new Map(),
): { benchmark: BenchmarkWindow; aligned: AlignedSymbol[] } {
  const benchmark = findBenchmarkWindow(panel, { calcDate, regressorEtfs: spec.regressorEtfs, windowReturns: spec.windowReturns });
  const aligned: AlignedSymbol[] = [];
  if (!benchmark.complete) {
    const reason = describeIncompleteBenchmark(benchmark);
    for (const symbol of symbols) sink.fail(symbol, spec.family, reason);
    return { benchmark, aligned };
  }
  const cacheKey = `${benchmark.dateIndices.join(",")}|${spec.minReturns}`;
  let outcomes = cache.get(cacheKey);
  if (!outcomes) {
    // One buffer for the returns of every full-window symbol instead of one allocation per symbol.
    const pool = new Float64Array(symbols.length * spec.windowReturns);
    outcomes = new Map(
      symbols.map((symbol, s) => {
        const slot = pool.subarray(s * spec.windowReturns, (s + 1) * spec.windowReturns);
        return [symbol, alignSymbol(panel, symbol, benchmark, spec.minReturns, slot)];
      }),
    );
    cache.set(cacheKey, outcomes);
  }
  for (const symbol of symbols) {
    const outcome = outcomes.get(symbol)!;
    if (outcome.ok) aligned.push({ symbol, window: outcome.window });
    else sink.fail(symbol, spec.family, outcome.reason);
  }
  return { benchmark, aligned };
}

/** The stored form of one estimate: capped at ±5 and flagged; OLS statistics stay those of the uncapped fit. */
export function buildExposure(
  rawBeta: number,
  rSquared: number,
  window: SymbolFactorWindow,
  spec: FactorFamilySpec,
  ridgeAlpha: number | null,
  ols?: OlsFit,
): SymbolFactorExposure {
  const exposure: SymbolFactorExposure = {
    beta: Math.max(-CAP_ABS_BETA, Math.min(CAP_ABS_BETA, rawBeta)),
    rawBeta,
    capped: Math.abs(rawBeta) > CAP_ABS_BETA,
    rSquared,
    n: window.n,
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    methodTag: spec.methodTag,
    alpha: ridgeAlpha,
    windowReturns: spec.windowReturns,
  };
  if (ols) {
    exposure.standardError = ols.standardError;
    exposure.tStat = ols.tStat;
    exposure.pValue = ols.pValue;
  }
  return exposure;
}
