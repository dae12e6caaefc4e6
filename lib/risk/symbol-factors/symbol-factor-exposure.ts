import type { FactorMethodTag } from "../factor-definitions";
import type { PricePanel } from "./factor-window";

/** One stored beta of one symbol for one factor on one calc date, as a record (the CLI's and the tests' view). */
export interface SymbolFactorExposure {
  /** rawBeta clamped to ±CAP_ABS_BETA. */
  beta: number;
  rawBeta: number;
  capped: boolean;
  rSquared: number;
  /** Number of returns in the regression. */
  n: number;
  /** First and last kept date (ISO). */
  windowStart: string;
  windowEnd: string;
  methodTag: FactorMethodTag;
  /** Ridge penalty (1.0) for ridge factors, null otherwise. */
  alpha: number | null;
  /** N of the family (90 or 180). */
  windowReturns: number;
  /** OLS factors only, on the uncapped estimate. */
  standardError?: number;
  tStat?: number;
  pValue?: number;
}

export interface ComputeSymbolFactorsInput {
  panel: PricePanel;
  calcDate: string;
  /** Output symbols; regressor ETFs may be listed too. */
  symbols: readonly string[];
  /**
   * Symbols whose window is the family's whole benchmark window share one design (default true): one factorisation
   * and one pass over a return panel. false fits every symbol on its own. Results are identical to the last bit.
   */
  batch?: boolean;
}

/** Failure reasons per symbol, keyed by family id (`ridge`, `spread`, `market`, `ir`) or by factor name. */
export type FactorFailures = Record<string, Record<string, string>>;

export interface SymbolFactorsResult {
  calcDate: string;
  /** Symbol → factor name → exposure; every requested symbol has an entry (possibly empty), in input order; factors in display order. */
  exposures: Record<string, Record<string, SymbolFactorExposure>>;
  failures: FactorFailures;
}
