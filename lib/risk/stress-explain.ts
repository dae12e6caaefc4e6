/**
 * One portfolio, one scenario, one date, laid open: the covariance, exposures, shocks, factor moves and both sets of
 * contributions, unrounded, keyed in factor order. It is what `stress explain` prints, computed by the same functions
 * as the stored results (which round the same figures to the cent).
 */
import {
  capContributions,
  directMultipliers,
  prepareStressScenario,
  readStressExposures,
  type StressModel,
  type StressPortfolioInput,
  type StressScenarioInput,
} from "./stress-engine";
import { STRESS_FACTORS, type StressFactor } from "./stress-factors";

type ByFactor = Record<StressFactor, number>;

export interface StressExplanation {
  portfolioId: string;
  date: string;
  scenario: { id: string; name: string };
  equity: number;
  factors: StressFactor[];
  covariance: number[][];
  /** Exposures of the correlated figure (Market: the sum of the style exposures). */
  exposures: ByFactor;
  /** Market Beta (90D) exposure: the direct figure's market exposure. */
  marketBetaExposure: number;
  /** Shocked factors only, as factor returns (Interest Rate: the TLT return −D·Δy). */
  shocks: Partial<ByFactor>;
  moves: ByFactor;
  direct: { total: number; contributions: ByFactor };
  correlated: { total: number; contributions: ByFactor };
  capped: { direct: boolean; correlated: boolean };
}

export interface ExplainStressInput {
  portfolio: StressPortfolioInput;
  date: string;
  scenario: StressScenarioInput & { name: string };
  model: StressModel;
}

/**
 * @throws as prepareStressScenario (bad shocks, singular shocked block) and readStressExposures (non-finite inputs).
 * Complexity: O(|S|³ + 64).
 */
export function explainStressScenario({ portfolio, date, scenario, model }: ExplainStressInput): StressExplanation {
  const prepared = prepareStressScenario(scenario, model);
  const exposures = readStressExposures(portfolio);
  const direct = capContributions(exposures.directUsd, directMultipliers(prepared), exposures.capBaseUsd);
  const correlated = capContributions(exposures.correlatedUsd, prepared.moves, exposures.capBaseUsd);
  const byFactor = (values: readonly number[]) => Object.fromEntries(STRESS_FACTORS.map((factor, i) => [factor, values[i]])) as ByFactor;
  const shocks: Partial<ByFactor> = {};
  STRESS_FACTORS.forEach((factor, i) => {
    const value = prepared.shockedReturns[i];
    if (value !== null) shocks[factor] = value;
  });
  return {
    portfolioId: portfolio.portfolioId,
    date,
    scenario: { id: scenario.scenarioId, name: scenario.name },
    equity: portfolio.equityUsd,
    factors: [...STRESS_FACTORS],
    covariance: model.factorCovariance.map((row) => [...row]),
    exposures: byFactor(exposures.correlatedUsd),
    marketBetaExposure: exposures.marketBetaUsd,
    shocks,
    moves: byFactor(prepared.moves),
    direct: { total: direct.totalUsd, contributions: byFactor(direct.contributionsUsd) },
    correlated: { total: correlated.totalUsd, contributions: byFactor(correlated.contributionsUsd) },
    capped: { direct: direct.capApplied, correlated: correlated.capApplied },
  };
}
