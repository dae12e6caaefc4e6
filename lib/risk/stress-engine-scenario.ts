/**
 * D5/D6 scenario preparation: turns a scenario's shocks into the full factor-return vector once per run. The vector
 * does not depend on the portfolio, so every portfolio's stress result is then two dot products (stress-engine.ts).
 */
import { computeConditionalExpectation } from "../math/conditional-expectation";
import { IR_BETA_FACTOR, MARKET_BETA_FACTOR } from "./factor-definitions";
import { SHOCK_FACTORS, SHOCK_FACTOR_ETF, type ShockFactor } from "./stress-scenarios";

/** D6 factor order of the covariance: SPY, VTV, VUG, MTUM, QUAL, IWM, USMV, TLT. */
export const STRESS_FACTOR_ETFS: readonly string[] = SHOCK_FACTORS.map((factor) => SHOCK_FACTOR_ETF[factor]);

/**
 * The exposure (factor_exposures name) each shock factor acts on, index-aligned with SHOCK_FACTORS:
 * Market → Market Beta (90D), the six styles → their ridge exposures, Interest_Rate → IR Beta.
 */
export const STRESS_EXPOSURE_FACTORS: readonly string[] = SHOCK_FACTORS.map((factor) =>
  factor === "Market" ? MARKET_BETA_FACTOR : factor === "Interest_Rate" ? IR_BETA_FACTOR : factor,
);

export interface StressScenarioInput {
  scenarioId: string;
  /** Decimal shocks; Interest_Rate is a yield change (0.01 = +100 bp). */
  shocks: Readonly<Partial<Record<ShockFactor, number>>>;
}

export interface StressModel {
  /** 8×8 covariance of daily ETF returns in STRESS_FACTOR_ETFS order (EWMA per D6, one per run). */
  factorCovariance: readonly (readonly number[])[];
  /** TLT modified duration D (D5): r_TLT = −D·Δy. */
  tltModifiedDuration: number;
}

export interface PreparedStressScenario {
  scenarioId: string;
  /** Raw scenario shock per exposure factor (index-aligned with STRESS_EXPOSURE_FACTORS), null when unshocked. */
  shocks: readonly (number | null)[];
  /** Full factor-return vector r (ETF returns, TLT as a return) in STRESS_FACTOR_ETFS order. */
  factorReturns: readonly number[];
  /** Direct P&L per dollar of exposure: the shock (TLT: −D·Δy) on shocked factors, 0 elsewhere. */
  directMultipliers: readonly number[];
  /** Correlated P&L per dollar of exposure: r for the six styles and TLT; 0 for Market Beta (90D), see D6. */
  correlatedMultipliers: readonly number[];
}

/**
 * Scenario → implied factor returns (D5, D6). Shocked components are the shocks themselves, with the rate shock
 * converted to a TLT return r_TLT = −D·Δy; unshocked components are the conditional expectation
 * r_u = Σ_uS Σ_SS⁻¹ s. A shocked factor whose variance is 0 (no price history) keeps its shock but is left out of
 * the conditioning set, since it carries no information about the others.
 *
 * The correlated multiplier of Market Beta (90D) is 0: the six ridge style betas are a joint regression on six
 * ETFs that together span the market, so they already carry the portfolio's market exposure; adding
 * Market Beta (90D) × r_SPY on top would count the market twice (D6).
 *
 * Complexity: O(|S|³ + 8·|S|) per scenario.
 * @throws if a shock is not finite or names an unknown factor, the covariance is not 8×8, D is not positive and
 *   finite, or the shocked block of Σ is singular (computeConditionalExpectation).
 */
export function prepareStressScenario(scenario: StressScenarioInput, model: StressModel): PreparedStressScenario {
  assertStressModel(model);
  const shocks: (number | null)[] = SHOCK_FACTORS.map(() => null);
  const shockedReturns: number[] = SHOCK_FACTORS.map(() => 0);
  for (const [factor, shock] of Object.entries(scenario.shocks)) {
    const index = SHOCK_FACTORS.indexOf(factor as ShockFactor);
    if (index < 0) throw new Error(`Scenario ${scenario.scenarioId} shocks unknown factor "${factor}"`);
    if (shock === undefined) continue;
    if (!Number.isFinite(shock)) throw new Error(`Scenario ${scenario.scenarioId} has a non-finite ${factor} shock: ${shock}`);
    shocks[index] = shock;
    shockedReturns[index] = factor === "Interest_Rate" ? -model.tltModifiedDuration * shock : shock;
  }
  const conditioning = shocks.flatMap((shock, index) =>
    shock !== null && model.factorCovariance[index][index] > 0 ? [index] : [],
  );
  const implied = computeConditionalExpectation(
    model.factorCovariance,
    conditioning,
    conditioning.map((index) => shockedReturns[index]),
  );
  const factorReturns = implied.map((value, index) => (shocks[index] === null ? value : shockedReturns[index]));
  return {
    scenarioId: scenario.scenarioId,
    shocks,
    factorReturns,
    directMultipliers: shocks.map((shock, index) => (shock === null ? 0 : shockedReturns[index])),
    correlatedMultipliers: factorReturns.map((value, index) => (STRESS_EXPOSURE_FACTORS[index] === MARKET_BETA_FACTOR ? 0 : value)),
  };
}

function assertStressModel(model: StressModel): void {
  const size = SHOCK_FACTORS.length;
  const { factorCovariance, tltModifiedDuration } = model;
  if (factorCovariance.length !== size || factorCovariance.some((row) => row.length !== size)) {
    throw new Error(`Stress factor covariance must be ${size}×${size} in the order ${STRESS_FACTOR_ETFS.join(", ")}`);
  }
  if (!(Number.isFinite(tltModifiedDuration) && tltModifiedDuration > 0)) {
    throw new Error(`TLT modified duration must be positive, got ${tltModifiedDuration}`);
  }
}
