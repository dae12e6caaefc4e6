/**
 * The 13 symbol factors of R12, R13 and R25: the one place that names them,
 * says how each is estimated, against which ETFs, over which window, and where it is shown.
 */

export type FactorFamily = "ridge" | "spread" | "market" | "ir" | "provider";
/** Row-level method tag stored in symbol_factor_exposures.calculation_method (R19: filter rows by this tag). */
export type FactorMethodTag = "ridge_regression" | "spread_regression" | "ols_market" | "ols_ir" | "provider";

export interface FactorDefinition {
  name: string;
  displayOrder: number;
  factorType: "market" | "macro" | "style";
  /** Descriptive method of the definition row (R12); rows are tagged with `methodTag`. */
  definitionMethod: "rolling_regression" | "provider_data" | "ridge_regression" | "spread_regression";
  methodTag: FactorMethodTag;
  family: FactorFamily;
  etfProxy: string;
  /** For spreads: long ETF minus short ETF. For OLS/ridge: the regressor ETF of this factor. */
  longEtf?: string;
  shortEtf?: string;
  description: string;
}

export const CAP_ABS_BETA = 5;
export const RIDGE_ALPHA = 1.0;

export interface FactorFamilySpec {
  family: Exclude<FactorFamily, "provider">;
  methodTag: FactorMethodTag;
  /** Every ETF whose price must exist on a date for it to enter the benchmark window (R12). */
  regressorEtfs: readonly string[];
  /** N: returns in the window (the window has N + 1 dates). */
  windowReturns: number;
  minReturns: number;
}

export const FACTOR_FAMILIES: Record<Exclude<FactorFamily, "provider">, FactorFamilySpec> = {
  ridge: {
    family: "ridge",
    methodTag: "ridge_regression",
    regressorEtfs: ["VTV", "VUG", "MTUM", "QUAL", "IWM", "USMV"],
    windowReturns: 90,
    minReturns: 30,
  },
  spread: {
    family: "spread",
    methodTag: "spread_regression",
    regressorEtfs: ["VUG", "VTV", "MTUM", "SPY", "IWM", "QUAL"],
    windowReturns: 180,
    minReturns: 60,
  },
  market: { family: "market", methodTag: "ols_market", regressorEtfs: ["SPY"], windowReturns: 90, minReturns: 30 },
  ir: { family: "ir", methodTag: "ols_ir", regressorEtfs: ["TLT"], windowReturns: 90, minReturns: 30 },
};

export const FACTOR_DEFINITIONS: readonly FactorDefinition[] = [
  {
    name: "Market Beta (90D)", displayOrder: 0, factorType: "market", definitionMethod: "rolling_regression",
    methodTag: "ols_market", family: "market", etfProxy: "SPY", longEtf: "SPY",
    description: "OLS beta of daily returns on SPY over the last 90 trading-day returns.",
  },
  {
    name: "Provider Beta (1Y)", displayOrder: 1, factorType: "market", definitionMethod: "provider_data",
    methodTag: "provider", family: "provider", etfProxy: "SPY",
    description: "Beta reported by the market-data provider (Yahoo summaryDetail.beta, which Yahoo computes on 5 years of monthly returns); the name is kept for compatibility.",
  },
  {
    name: "IR Beta", displayOrder: 2, factorType: "macro", definitionMethod: "rolling_regression",
    methodTag: "ols_ir", family: "ir", etfProxy: "TLT", longEtf: "TLT",
    description: "OLS beta of daily returns on TLT (20+ year Treasury ETF) returns over the last 90 trading-day returns.",
  },
  {
    name: "Momentum", displayOrder: 3, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "MTUM", longEtf: "MTUM",
    description: "Ridge beta on MTUM in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Value", displayOrder: 4, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "VTV", longEtf: "VTV",
    description: "Ridge beta on VTV in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Growth", displayOrder: 5, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "VUG", longEtf: "VUG",
    description: "Ridge beta on VUG in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Size", displayOrder: 6, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "IWM", longEtf: "IWM",
    description: "Ridge beta on IWM in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Quality", displayOrder: 7, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "QUAL", longEtf: "QUAL",
    description: "Ridge beta on QUAL in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Low Volatility", displayOrder: 8, factorType: "style", definitionMethod: "ridge_regression",
    methodTag: "ridge_regression", family: "ridge", etfProxy: "USMV", longEtf: "USMV",
    description: "Ridge beta on USMV in the joint six-ETF style regression (alpha 1, 90 returns).",
  },
  {
    name: "Growth-Value Spread", displayOrder: 9, factorType: "style", definitionMethod: "spread_regression",
    methodTag: "spread_regression", family: "spread", etfProxy: "VUG", longEtf: "VUG", shortEtf: "VTV",
    description: "OLS beta on r(VUG) − r(VTV) over the last 180 trading-day returns.",
  },
  {
    name: "Momentum Spread", displayOrder: 10, factorType: "style", definitionMethod: "spread_regression",
    methodTag: "spread_regression", family: "spread", etfProxy: "MTUM", longEtf: "MTUM", shortEtf: "SPY",
    description: "OLS beta on r(MTUM) − r(SPY) over the last 180 trading-day returns.",
  },
  {
    name: "Size Spread", displayOrder: 11, factorType: "style", definitionMethod: "spread_regression",
    methodTag: "spread_regression", family: "spread", etfProxy: "IWM", longEtf: "IWM", shortEtf: "SPY",
    description: "OLS beta on r(IWM) − r(SPY) over the last 180 trading-day returns.",
  },
  {
    name: "Quality Spread", displayOrder: 12, factorType: "style", definitionMethod: "spread_regression",
    methodTag: "spread_regression", family: "spread", etfProxy: "QUAL", longEtf: "QUAL", shortEtf: "SPY",
    description: "OLS beta on r(QUAL) − r(SPY) over the last 180 trading-day returns.",
  },
];

export const FACTOR_NAMES: readonly string[] = FACTOR_DEFINITIONS.map((factor) => factor.name);
export const MARKET_BETA_FACTOR = "Market Beta (90D)";
export const IR_BETA_FACTOR = "IR Beta";
export const PROVIDER_BETA_FACTOR = "Provider Beta (1Y)";

/** Rows a fully computed symbol has for one date, per method tag (R19: single-factor methods expect 1). */
export const EXPECTED_ROWS_PER_METHOD: Record<FactorMethodTag, number> = {
  ridge_regression: 6,
  spread_regression: 4,
  ols_market: 1,
  ols_ir: 1,
  provider: 1,
};

/** Every ETF some computed factor family regresses on (SPY, TLT and the six style ETFs): inputs, not output symbols. */
export const REGRESSOR_ETFS: readonly string[] = [...new Set(Object.values(FACTOR_FAMILIES).flatMap((spec) => spec.regressorEtfs))];
