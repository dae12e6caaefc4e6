/**
 * The stress model's eight factors, named once: their order (of the covariance, of scenario shocks, of every stress
 * output), the ETF behind each, the portfolio exposure each acts on, and the words the dashboard uses for them.
 *
 * The model works in market-plus-excess coordinates: Market is the SPY return; each style is its ETF's return in
 * excess of SPY; Interest Rate is the TLT return (a yield shock Δy becomes −D·Δy). The ridge styles regress a stock
 * on the six raw style ETFs, r ≈ Σ β_k r(ETF_k) = (Σ β_k)·r(SPY) + Σ β_k·(r(ETF_k) − r(SPY)), so the style betas are
 * exactly the exposures to the excess returns and their sum is the stock's market exposure.
 */
import { IR_BETA_FACTOR, MARKET_BETA_FACTOR } from "./factor-definitions";

export const STRESS_FACTORS = [
  "Market", "Value", "Growth", "Momentum", "Quality", "Size", "Low Volatility", "Interest Rate",
] as const;
export type StressFactor = (typeof STRESS_FACTORS)[number];

export const MARKET_FACTOR_INDEX = 0;
export const RATE_FACTOR_INDEX = STRESS_FACTORS.length - 1;
/** The six style factors (indices 1–6), each an excess return over the market. */
const STYLE_FACTORS: readonly StressFactor[] = STRESS_FACTORS.slice(MARKET_FACTOR_INDEX + 1, RATE_FACTOR_INDEX);

/** The ETF whose daily return defines each factor (styles: minus SPY's). */
export const STRESS_FACTOR_ETF: Readonly<Record<StressFactor, string>> = Object.freeze({
  Market: "SPY",
  Value: "VTV",
  Growth: "VUG",
  Momentum: "MTUM",
  Quality: "QUAL",
  Size: "IWM",
  "Low Volatility": "USMV",
  "Interest Rate": "TLT",
});

/** ETFs in factor order: the price columns the covariance is built from. */
export const STRESS_FACTOR_ETFS: readonly string[] = STRESS_FACTORS.map((factor) => STRESS_FACTOR_ETF[factor]);

/** Exposure names (factor_exposures) the model reads: the six ridge styles, IR Beta, and Market Beta (90D). */
export const STRESS_STYLE_EXPOSURES: readonly string[] = STYLE_FACTORS;
export const STRESS_RATE_EXPOSURE = IR_BETA_FACTOR;
export const STRESS_MARKET_BETA_EXPOSURE = MARKET_BETA_FACTOR;

export function isStressFactor(name: string): name is StressFactor {
  return (STRESS_FACTORS as readonly string[]).includes(name);
}

/** Which of the two stress figures a contribution belongs to. */
export type StressFigure = "direct" | "correlated";

/**
 * The label of a factor's contribution, the same on every page and in the CLI. Market differs by figure: the
 * direct figure applies the market shock to the 90-day market beta, the correlated figure to the market exposure
 * the style betas carry.
 */
export function labelStressContribution(factor: StressFactor, figure: StressFigure): string {
  if (factor === "Market") return figure === "direct" ? "Market (90-day beta)" : "Market (via styles)";
  if (factor === "Interest Rate") return "Interest rates";
  return `${factor} vs market`;
}

/** What the two figures mean, in a portfolio manager's words. */
export const STRESS_FIGURE_NAMES: Readonly<Record<StressFigure, { title: string; meaning: string }>> = Object.freeze({
  direct: {
    title: "Direct (scenario as written)",
    meaning: "only the factors the scenario moves, each applied to your exposure to it",
  },
  correlated: {
    title: "Correlated (with knock-on moves)",
    meaning: "the scenario's moves plus the moves of every other factor that recent history implies given them",
  },
});

/** The stress model in one sentence, for every page that shows stress figures. */
export const STRESS_MODEL_SENTENCE =
  "Each scenario moves the market (SPY), style factors as returns over the market (Quality +15% means quality stocks " +
  "beat the market by 15 points) and long rates (a yield change turns into a TLT return through its duration); the " +
  "correlated figure adds the moves that the last year of daily factor returns (weighted toward recent days) implies " +
  "for the factors the scenario leaves alone.";
