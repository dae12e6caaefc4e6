/**
 * Phase 6 stress math (domain.md D5, D6, §13 Q1/Q2/Q13), pure. Scenarios are prepared once per run
 * (stress-engine-scenario.ts); a portfolio's result is then a dot product of its 8 factor dollar exposures with the
 * scenario's direct and correlated multipliers, a loss cap, and cent allocation.
 *
 * Loss cap (D6 "99% of net exposure"): cap base = max(net exposure, equity). D6's net exposure is kept for long
 * books (a levered long book can lose up to 99% of its net exposure), and it is floored at equity as §13 Q13
 * recommends for the net-exposure variant, so a market-neutral or net-short book (net ≈ 0 or < 0) is not capped
 * at a near-zero loss (the original's "NMV := 1.0" made that cap $0.99). When the base is ≤ 0 (no equity and no net
 * long exposure) no cap applies. A capped total is −0.99 × base and every contribution is scaled by the same factor.
 */
import { allocateCents, toCents } from "./stress-engine-cents";
import { summarizeStressResults, type StressSummary } from "./stress-engine-summary";
import {
  prepareStressScenario,
  STRESS_EXPOSURE_FACTORS,
  type PreparedStressScenario,
  type StressModel,
  type StressScenarioInput,
} from "./stress-engine-scenario";
import { STRESS_CONFIG } from "./stress-scenarios";

export {
  prepareStressScenario,
  STRESS_EXPOSURE_FACTORS,
  STRESS_FACTOR_ETFS,
  type PreparedStressScenario,
  type StressModel,
  type StressScenarioInput,
} from "./stress-engine-scenario";
export { summarizeStressResults, type StressSummary } from "./stress-engine-summary";

export interface StressPortfolioInput {
  portfolioId: string;
  /** Dollar exposure (β × equity) by factor name; missing names count as 0; spreads and Provider Beta are ignored. */
  exposuresUsd: Readonly<Record<string, number>>;
  /** Net exposure (Σ signed MV) in USD, the D6 cap base. */
  netExposureUsd: number;
  /** Portfolio equity in USD, the floor of the cap base (§13 Q13). */
  equityUsd: number;
}

export interface StressFactorContribution {
  /** The scenario's raw shock on this factor (Interest_Rate: the yield change), or null when not shocked. */
  shock: number | null;
  /** The factor return used in the correlated P&L (TLT return for IR Beta; SPY return for Market Beta (90D)). */
  factorReturn: number;
  exposureUsd: number;
  directPnl: number;
  correlatedPnl: number;
}

export interface StressScenarioResult {
  scenarioId: string;
  directPnl: number;
  correlatedPnl: number;
  /** correlatedPnl − directPnl, to the cent. */
  correlationEffect: number;
  directCapApplied: boolean;
  correlatedCapApplied: boolean;
  /** Keyed by STRESS_EXPOSURE_FACTORS; direct and correlated contributions each sum to their total exactly. */
  contributions: Record<string, StressFactorContribution>;
}

export interface StressBatchResult {
  scenarios: PreparedStressScenario[];
  /** Scenarios that could not be prepared (e.g. singular shocked covariance block); counted as skipped (§5.7). */
  skippedScenarios: { scenarioId: string; reason: string }[];
  portfolios: { portfolioId: string; results: StressScenarioResult[]; summary: StressSummary }[];
  /** Portfolios with unusable inputs (non-finite exposure, net exposure or equity), with the reason. */
  failedPortfolios: { portfolioId: string; reason: string }[];
}

const FACTOR_COUNT = STRESS_EXPOSURE_FACTORS.length;

/** One portfolio against one prepared scenario. O(8 log 8). */
export function computeStressResult(portfolio: StressPortfolioInput, scenario: PreparedStressScenario): StressScenarioResult {
  return computePreparedResult(readPortfolio(portfolio), scenario);
}

interface ReadPortfolio {
  exposures: number[];
  exposuresRoundedUsd: number[];
  capBaseUsd: number;
}

function readPortfolio(portfolio: StressPortfolioInput): ReadPortfolio {
  const exposures = readExposures(portfolio);
  if (!Number.isFinite(portfolio.netExposureUsd) || !Number.isFinite(portfolio.equityUsd)) {
    throw new Error(`Portfolio ${portfolio.portfolioId} needs finite net exposure and equity for the loss cap`);
  }
  return {
    exposures,
    exposuresRoundedUsd: exposures.map((value) => centsToUsd(toCents(value))),
    capBaseUsd: Math.max(portfolio.netExposureUsd, portfolio.equityUsd),
  };
}

function computePreparedResult(
  { exposures, exposuresRoundedUsd, capBaseUsd }: ReadPortfolio,
  scenario: PreparedStressScenario,
): StressScenarioResult {
  const direct = capAndAllocate(exposures, scenario.directMultipliers, capBaseUsd);
  const correlated = capAndAllocate(exposures, scenario.correlatedMultipliers, capBaseUsd);
  const contributions: Record<string, StressFactorContribution> = {};
  for (let i = 0; i < FACTOR_COUNT; i += 1) {
    contributions[STRESS_EXPOSURE_FACTORS[i]] = {
      shock: scenario.shocks[i],
      factorReturn: scenario.factorReturns[i],
      exposureUsd: exposuresRoundedUsd[i],
      directPnl: centsToUsd(direct.cents[i]),
      correlatedPnl: centsToUsd(correlated.cents[i]),
    };
  }
  return {
    scenarioId: scenario.scenarioId,
    directPnl: centsToUsd(direct.totalCents),
    correlatedPnl: centsToUsd(correlated.totalCents),
    correlationEffect: centsToUsd(correlated.totalCents - direct.totalCents),
    directCapApplied: direct.capApplied,
    correlatedCapApplied: correlated.capApplied,
    contributions,
  };
}

/**
 * Many portfolios × all scenarios. Each scenario's factor-return vector (one Cholesky solve) is prepared once;
 * per portfolio and scenario the work is two 8-term dot products plus cent allocation, so 10,000 portfolios ×
 * 19 scenarios is O(P·S·8). Scenarios that fail to prepare are skipped, and portfolios with unusable inputs
 * failed, each with its reason; neither stops the batch.
 */
export function computeStressResultsBatch(
  portfolios: readonly StressPortfolioInput[],
  scenarios: readonly StressScenarioInput[],
  model: StressModel,
): StressBatchResult {
  const prepared: PreparedStressScenario[] = [];
  const skippedScenarios: StressBatchResult["skippedScenarios"] = [];
  for (const scenario of scenarios) {
    try {
      prepared.push(prepareStressScenario(scenario, model));
    } catch (error) {
      skippedScenarios.push({ scenarioId: scenario.scenarioId, reason: errorMessage(error) });
    }
  }
  const batch: StressBatchResult = { scenarios: prepared, skippedScenarios, portfolios: [], failedPortfolios: [] };
  for (const portfolio of portfolios) {
    try {
      const read = readPortfolio(portfolio);
      const results = prepared.map((scenario) => computePreparedResult(read, scenario));
      batch.portfolios.push({ portfolioId: portfolio.portfolioId, results, summary: summarizeStressResults(results) });
    } catch (error) {
      batch.failedPortfolios.push({ portfolioId: portfolio.portfolioId, reason: errorMessage(error) });
    }
  }
  return batch;
}

function readExposures(portfolio: StressPortfolioInput): number[] {
  return STRESS_EXPOSURE_FACTORS.map((name) => {
    const value = portfolio.exposuresUsd[name] ?? 0;
    if (!Number.isFinite(value)) throw new Error(`Portfolio ${portfolio.portfolioId} has a non-finite ${name} exposure: ${value}`);
    return value;
  });
}

/** exposure × multiplier per factor, capped at −0.99 × cap base (all scaled alike), then cent-allocated. */
function capAndAllocate(
  exposures: readonly number[],
  multipliers: readonly number[],
  capBaseUsd: number,
): { totalCents: number; cents: number[]; capApplied: boolean } {
  const count = exposures.length;
  const contributionsUsd = new Array<number>(count);
  let totalUsd = 0;
  for (let i = 0; i < count; i += 1) {
    const value = exposures[i] * multipliers[i];
    contributionsUsd[i] = value;
    totalUsd += value;
  }
  const floorUsd = -STRESS_CONFIG.lossCapFractionOfNetExposure * capBaseUsd;
  const capApplied = capBaseUsd > 0 && totalUsd < floorUsd;
  if (capApplied) {
    const scale = floorUsd / totalUsd;
    for (let i = 0; i < count; i += 1) contributionsUsd[i] *= scale;
  }
  const totalCents = toCents(capApplied ? floorUsd : totalUsd);
  return { totalCents, cents: allocateCents(contributionsUsd, totalCents), capApplied };
}

function centsToUsd(cents: number): number {
  return cents === 0 ? 0 : cents / 100;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
