import { CAP_ABS_BETA, FACTOR_DEFINITIONS, FACTOR_FAMILIES, RIDGE_ALPHA, type FactorDefinition, type FactorFamilySpec } from "../factor-definitions";
import type { FactorFailures, SymbolFactorExposure, SymbolFactorsResult } from "./symbol-factor-exposure";

/** The factors the engine computes (all but Provider Beta, which is copied from the provider), in display order. */
export const COMPUTED_FACTORS: readonly FactorDefinition[] = FACTOR_DEFINITIONS
  .filter((factor) => factor.family !== "provider")
  .sort((a, b) => a.displayOrder - b.displayOrder);

const COLUMN_OF_FACTOR = new Map(COMPUTED_FACTORS.map((factor, column) => [factor.name, column]));

/** The table column of a computed factor. */
export function getFactorColumn(name: string): number {
  const column = COLUMN_OF_FACTOR.get(name);
  if (column === undefined) throw new Error(`"${name}" is not a computed symbol factor`);
  return column;
}

/** The computed factors of one family, in display order. */
export function listFamilyFactors(spec: FactorFamilySpec): FactorDefinition[] {
  return COMPUTED_FACTORS.filter((factor) => factor.family === spec.family);
}

/**
 * The engine's result as columns, one cell per (symbol, computed factor): cell = symbolIndex × COMPUTED_FACTORS.length
 * + column. Thousands of symbols cost a few typed arrays instead of an object per estimate; the batch writes rows
 * straight from here. Betas are stored uncapped (the cap is a view: {@link capBeta}).
 */
export interface SymbolFactorTable {
  calcDate: string;
  /** The panel's dates: window starts and ends are indices into it. */
  dates: readonly string[];
  /** Unique symbols in input order. */
  symbols: readonly string[];
  /** 1 where the cell holds an estimate. */
  computed: Uint8Array;
  rawBeta: Float64Array;
  rSquared: Float64Array;
  /** OLS cells only (NaN for ridge), statistics of the uncapped estimate. */
  standardError: Float64Array;
  tStat: Float64Array;
  pValue: Float64Array;
  observations: Int32Array;
  windowStart: Int32Array;
  windowEnd: Int32Array;
  failures: FactorFailures;
}

export function createSymbolFactorTable(calcDate: string, dates: readonly string[], symbols: readonly string[]): SymbolFactorTable {
  const cells = symbols.length * COMPUTED_FACTORS.length;
  const doubles = () => new Float64Array(cells).fill(Number.NaN);
  return {
    calcDate, dates, symbols, computed: new Uint8Array(cells),
    rawBeta: doubles(), rSquared: doubles(), standardError: doubles(), tStat: doubles(), pValue: doubles(),
    observations: new Int32Array(cells), windowStart: new Int32Array(cells), windowEnd: new Int32Array(cells),
    failures: {},
  };
}

/** Records why a symbol has no estimate for a family (key = family id) or one factor (key = factor name). */
export function failSymbolFactor(table: SymbolFactorTable, symbolIndex: number, key: string, reason: string): void {
  (table.failures[table.symbols[symbolIndex]] ??= {})[key] = reason;
}

/** Stores one estimate: its raw beta, R², returns used and first/last kept date (indices into `dates`). */
export function setFactorCell(
  table: SymbolFactorTable,
  cell: number,
  rawBeta: number,
  rSquared: number,
  window: { n: number; start: number; end: number },
): void {
  table.computed[cell] = 1;
  table.rawBeta[cell] = rawBeta;
  table.rSquared[cell] = rSquared;
  table.observations[cell] = window.n;
  table.windowStart[cell] = window.start;
  table.windowEnd[cell] = window.end;
}

/** The stored beta: the raw estimate clamped to ±CAP_ABS_BETA. */
export function capBeta(rawBeta: number): number {
  return Math.max(-CAP_ABS_BETA, Math.min(CAP_ABS_BETA, rawBeta));
}

function toExposure(table: SymbolFactorTable, cell: number, factor: FactorDefinition): SymbolFactorExposure {
  const spec = FACTOR_FAMILIES[factor.family as keyof typeof FACTOR_FAMILIES];
  const rawBeta = table.rawBeta[cell];
  const exposure: SymbolFactorExposure = {
    beta: capBeta(rawBeta),
    rawBeta,
    capped: Math.abs(rawBeta) > CAP_ABS_BETA,
    rSquared: table.rSquared[cell],
    n: table.observations[cell],
    windowStart: table.dates[table.windowStart[cell]],
    windowEnd: table.dates[table.windowEnd[cell]],
    methodTag: spec.methodTag,
    alpha: spec.family === "ridge" ? RIDGE_ALPHA : null,
    windowReturns: spec.windowReturns,
  };
  if (spec.family !== "ridge") {
    exposure.standardError = table.standardError[cell];
    exposure.tStat = table.tStat[cell];
    exposure.pValue = table.pValue[cell];
  }
  return exposure;
}

/** The table as records: symbol → factor name → exposure (every symbol present, factors in display order). */
export function toSymbolFactorsResult(table: SymbolFactorTable): SymbolFactorsResult {
  const exposures: SymbolFactorsResult["exposures"] = {};
  table.symbols.forEach((symbol, s) => {
    const record: Record<string, SymbolFactorExposure> = {};
    COMPUTED_FACTORS.forEach((factor, column) => {
      const cell = s * COMPUTED_FACTORS.length + column;
      if (table.computed[cell] === 1) record[factor.name] = toExposure(table, cell, factor);
    });
    exposures[symbol] = record;
  });
  return { calcDate: table.calcDate, exposures, failures: table.failures };
}
