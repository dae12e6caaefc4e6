/** Shared inputs of the stress engine tests: a hand-worked covariance and a small book. */
import type { StressModel, StressPortfolioInput } from "../risk/stress-engine";
import { STRESS_FACTORS } from "../risk/stress-factors";
import { STRESS_CONFIG } from "../risk/stress-scenarios";

/**
 * A hand-worked three-factor world in the model's order (Market, Value, …, Interest Rate): only Market, Value (in
 * excess of the market) and Interest Rate are correlated; the other five styles are independent with σ = 1%.
 *   σ_m = 1%, σ_V = 0.5%, σ_t = 0.8%; ρ(m,V) = −0.4, ρ(m,t) = −0.3, ρ(V,t) = 0.2
 *   Σ_mm = 1e-4, Σ_mV = −2e-5, Σ_mt = −2.4e-5, Σ_VV = 2.5e-5, Σ_Vt = 8e-6, Σ_tt = 6.4e-5.
 */
export function threeFactorCovariance(): number[][] {
  const cov: number[][] = STRESS_FACTORS.map((_, i) => STRESS_FACTORS.map((__, j) => (i === j ? 1e-4 : 0)));
  const set = (i: number, j: number, value: number) => { cov[i][j] = value; cov[j][i] = value; };
  set(1, 1, 2.5e-5);
  set(7, 7, 6.4e-5);
  set(0, 1, -2e-5);
  set(0, 7, -2.4e-5);
  set(1, 7, 8e-6);
  return cov;
}

export const STRESS_MODEL: StressModel = { factorCovariance: threeFactorCovariance(), tltModifiedDuration: STRESS_CONFIG.tltModifiedDuration };

/** E_V = 400k, E_G = 100k → E_m = 500k; E_MB = 450k; E_t = 200k. Spreads and Provider Beta are ignored. */
export const STRESS_BOOK: StressPortfolioInput = {
  portfolioId: "book",
  exposuresUsd: {
    "Market Beta (90D)": 450_000,
    Value: 400_000,
    Growth: 100_000,
    "IR Beta": 200_000,
    "Growth-Value Spread": 9_999_999,
    "Provider Beta (1Y)": 9_999_999,
  },
  netExposureUsd: 950_000,
  equityUsd: 1_000_000,
};

