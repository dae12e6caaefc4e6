/**
 * Scenario preparation: turns a scenario's shocks into the moves of all eight factors once per date. The moves do
 * not depend on the portfolio, so every portfolio's result is then two dot products (stress-engine.ts).
 */
import { computeConditionalExpectation } from "../math/conditional-expectation";
import { isStressFactor, RATE_FACTOR_INDEX, STRESS_FACTORS, type StressFactor } from "./stress-factors";

export interface StressScenarioInput {
  scenarioId: string;
  /** Decimal shocks in the model's coordinates; Interest Rate is a yield change (0.01 = +100 bp). */
  shocks: Readonly<Partial<Record<StressFactor, number>>>;
  /** A personal scenario runs only for its owner's portfolios; null or absent: every portfolio. */
  ownerId?: string | null;
}

export interface StressModel {
  /** 8×8 covariance of the daily factor vector in STRESS_FACTORS order (one per date). */
  factorCovariance: readonly (readonly number[])[];
  /** TLT modified duration D: a yield change Δy moves TLT by −D·Δy. */
  tltModifiedDuration: number;
}

export interface PreparedStressScenario {
  scenarioId: string;
  ownerId: string | null;
  /** The scenario's shock per factor as written (Interest Rate: the yield change), null when not shocked. */
  shocks: readonly (number | null)[];
  /** The shock as a factor return (Interest Rate: −D·Δy), null when not shocked. */
  shockedReturns: readonly (number | null)[];
  /** Moves of all eight factors: the shocked returns, and for the others E[v_U | v_S = s] = Σ_US Σ_SS⁻¹ s. */
  moves: readonly number[];
}

/**
 * Scenario → factor moves. Shocked factors move by their shock (a rate shock as the TLT return −D·Δy); unshocked
 * ones by their conditional expectation Σ_US Σ_SS⁻¹ s under the date's covariance. A shocked factor whose variance
 * is 0 (no price history) keeps its shock but is left out of the conditioning set, since it says nothing about the
 * others.
 *
 * Complexity: O(|S|³ + 8·|S|) per scenario.
 * @throws if a shock is not finite or names an unknown factor, the covariance is not 8×8, D is not positive and
 *   finite, or the shocked block of Σ is singular (computeConditionalExpectation).
 */
export function prepareStressScenario(scenario: StressScenarioInput, model: StressModel): PreparedStressScenario {
  assertStressModel(model);
  const shocks: (number | null)[] = STRESS_FACTORS.map(() => null);
  const shockedReturns: (number | null)[] = STRESS_FACTORS.map(() => null);
  for (const [factor, shock] of Object.entries(scenario.shocks)) {
    if (!isStressFactor(factor)) throw new Error(`Scenario ${scenario.scenarioId} shocks unknown factor "${factor}"`);
    if (shock === undefined) continue;
    if (!Number.isFinite(shock)) throw new Error(`Scenario ${scenario.scenarioId} has a non-finite ${factor} shock: ${shock}`);
    const index = STRESS_FACTORS.indexOf(factor);
    shocks[index] = shock;
    shockedReturns[index] = index === RATE_FACTOR_INDEX ? -model.tltModifiedDuration * shock : shock;
  }
  const conditioning = shockedReturns.flatMap((value, index) =>
    value !== null && model.factorCovariance[index][index] > 0 ? [index] : [],
  );
  const implied = computeConditionalExpectation(
    model.factorCovariance,
    conditioning,
    conditioning.map((index) => shockedReturns[index]!),
  );
  return {
    scenarioId: scenario.scenarioId,
    ownerId: scenario.ownerId ?? null,
    shocks,
    shockedReturns,
    moves: implied.map((value, index) => shockedReturns[index] ?? value),
  };
}

function assertStressModel(model: StressModel): void {
  const size = STRESS_FACTORS.length;
  const { factorCovariance, tltModifiedDuration } = model;
  if (factorCovariance.length !== size || factorCovariance.some((row) => row.length !== size)) {
    throw new Error(`Stress factor covariance must be ${size}×${size} in the order ${STRESS_FACTORS.join(", ")}`);
  }
  if (!(Number.isFinite(tltModifiedDuration) && tltModifiedDuration > 0)) {
    throw new Error(`TLT modified duration must be positive, got ${tltModifiedDuration}`);
  }
}
