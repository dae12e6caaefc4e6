import { errorMessage } from "../base/error-message";
/**
 * Stress math, pure. Scenarios are prepared once per date (stress-engine-scenario.ts); a portfolio's result is then
 * a dot product of its factor dollar exposures with the scenario's shocks (direct figure) and with the factor moves
 * (correlated figure), a loss cap, and cent allocation.
 *
 * Exposures: each style k acts with its ridge exposure E_k on its excess return; the market acts on E_m = Σ E_k in
 * the correlated figure (the market exposure the style betas carry) and on the 90-day market beta exposure E_MB in
 * the direct figure; rates act on the IR Beta exposure through the TLT return.
 *
 * Loss cap: cap base = max(net exposure, equity). A levered long book can lose up to 99% of its net exposure; the
 * floor at equity keeps a market-neutral or net-short book (net ≈ 0 or < 0) from being capped at a near-zero loss.
 * When the base is ≤ 0 no cap applies. A capped total is −0.99 × base and every contribution is scaled alike.
 */
import { allocateCents, toCents } from "./stress-engine-cents";
import { summarizeStressResults, type StressSummary } from "./stress-engine-summary";
import { prepareStressScenario, type PreparedStressScenario, type StressModel, type StressScenarioInput } from "./stress-engine-scenario";
import {
  STRESS_FACTORS,
  STRESS_MARKET_BETA_EXPOSURE,
  STRESS_RATE_EXPOSURE,
  STRESS_STYLE_EXPOSURES,
  type StressFactor,
} from "./stress-factors";
import { STRESS_CONFIG } from "./stress-scenarios";

export {
  prepareStressScenario,
  type PreparedStressScenario,
  type StressModel,
  type StressScenarioInput,
} from "./stress-engine-scenario";
export { summarizeStressResults, type StressSummary } from "./stress-engine-summary";

export interface StressPortfolioInput {
  portfolioId: string;
  /** The owner, who also gets their personal scenarios; null or absent: standard scenarios only. */
  ownerId?: string | null;
  /** Dollar exposure (β × equity) by factor_exposures name; missing names count as 0; other factors are ignored. */
  exposuresUsd: Readonly<Record<string, number>>;
  /** Net exposure (Σ signed MV) in USD, the cap base. */
  netExposureUsd: number;
  /** Portfolio equity in USD, the floor of the cap base. */
  equityUsd: number;
}

export interface StressFactorContribution {
  /** The scenario's shock on this factor as written (Interest Rate: the yield change), or null when not shocked. */
  shock: number | null;
  /** The factor's move in the correlated figure (Interest Rate: the TLT return); the shock itself when shocked. */
  move: number;
  /** Exposure of the correlated figure, to the cent (Market: Σ of the style exposures). */
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
  /** Market Beta (90D) dollar exposure, to the cent: what the direct figure's Market term uses. */
  marketBetaExposureUsd: number;
  /** Keyed by STRESS_FACTORS in order; direct and correlated contributions each sum to their total exactly. */
  contributions: Record<StressFactor, StressFactorContribution>;
}

/** One portfolio's results over its scenarios, in scenario order, and their summary. */
export interface StressPortfolioOutcome {
  portfolioId: string;
  results: StressScenarioResult[];
  summary: StressSummary;
}

export interface StressBatchResult {
  scenarios: PreparedStressScenario[];
  /** Scenarios that could not be prepared (e.g. singular shocked covariance block), skipped with the reason. */
  skippedScenarios: { scenarioId: string; reason: string }[];
  /** Empty when the caller took each outcome as it was computed (`onPortfolio`). */
  portfolios: StressPortfolioOutcome[];
  /** Portfolios with unusable inputs (non-finite exposure, net exposure or equity), with the reason. */
  failedPortfolios: { portfolioId: string; reason: string }[];
}

/** A portfolio's exposures in factor order, for each figure. */
export interface StressExposures {
  /** [E_m = Σ E_k, E_k…, E_t]. */
  correlatedUsd: number[];
  /** [E_MB, E_k…, E_t]. */
  directUsd: number[];
  marketBetaUsd: number;
  capBaseUsd: number;
}

/**
 * A portfolio's stress exposures: the six style exposures, their sum as the market exposure of the correlated
 * figure, Market Beta (90D) for the direct figure's market term, IR Beta for rates.
 * @throws if an exposure, the net exposure or the equity is not finite.
 */
export function readStressExposures(portfolio: StressPortfolioInput): StressExposures {
  const read = (name: string) => {
    const value = portfolio.exposuresUsd[name] ?? 0;
    if (!Number.isFinite(value)) throw new Error(`Portfolio ${portfolio.portfolioId} has a non-finite ${name} exposure: ${value}`);
    return value;
  };
  if (!Number.isFinite(portfolio.netExposureUsd) || !Number.isFinite(portfolio.equityUsd)) {
    throw new Error(`Portfolio ${portfolio.portfolioId} needs finite net exposure and equity for the loss cap`);
  }
  const styles = STRESS_STYLE_EXPOSURES.map(read);
  const rates = read(STRESS_RATE_EXPOSURE);
  const marketBetaUsd = read(STRESS_MARKET_BETA_EXPOSURE);
  const impliedMarketUsd = styles.reduce((sum, value) => sum + value, 0);
  return {
    correlatedUsd: [impliedMarketUsd, ...styles, rates],
    directUsd: [marketBetaUsd, ...styles, rates],
    marketBetaUsd,
    capBaseUsd: Math.max(portfolio.netExposureUsd, portfolio.equityUsd),
  };
}

/** Per-dollar multipliers of a prepared scenario: the shocked returns (direct) and the moves (correlated). */
export function directMultipliers(scenario: PreparedStressScenario): number[] {
  return scenario.shockedReturns.map((value) => value ?? 0);
}

/** One portfolio against one prepared scenario. O(8 log 8). */
export function computeStressResult(portfolio: StressPortfolioInput, scenario: PreparedStressScenario): StressScenarioResult {
  return computePreparedResult(readStressExposures(portfolio), scenario);
}

/** The exposures as reported with a result, to the cent: computed once per portfolio, not per scenario. */
interface RoundedExposures {
  correlatedUsd: number[];
  marketBetaUsd: number;
}

function roundExposures(exposures: StressExposures): RoundedExposures {
  return { correlatedUsd: exposures.correlatedUsd.map(roundUsd), marketBetaUsd: roundUsd(exposures.marketBetaUsd) };
}

function computePreparedResult(
  exposures: StressExposures,
  scenario: PreparedStressScenario,
  rounded: RoundedExposures = roundExposures(exposures),
  multipliers: readonly number[] = directMultipliers(scenario),
): StressScenarioResult {
  const direct = allocate(capContributions(exposures.directUsd, multipliers, exposures.capBaseUsd));
  const correlated = allocate(capContributions(exposures.correlatedUsd, scenario.moves, exposures.capBaseUsd));
  const contributions = {} as Record<StressFactor, StressFactorContribution>;
  for (let i = 0; i < STRESS_FACTORS.length; i += 1) {
    contributions[STRESS_FACTORS[i]] = {
      shock: scenario.shocks[i],
      move: scenario.moves[i],
      exposureUsd: rounded.correlatedUsd[i],
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
    marketBetaExposureUsd: rounded.marketBetaUsd,
    contributions,
  };
}

/**
 * Many portfolios × their scenarios: the standard ones (no owner) for every portfolio plus each owner's personal
 * ones. Each scenario's moves (one Cholesky solve) are prepared once; per portfolio and scenario the work is two
 * 8-term dot products plus cent allocation, O(P·S·8). Scenarios that fail to prepare are skipped, and portfolios
 * with unusable inputs failed, each with its reason; neither stops the batch. With `onPortfolio`, each portfolio's
 * outcome goes to it as soon as it is computed instead of into `portfolios`, so a caller that writes it at once holds
 * no more than one portfolio's result objects.
 */
export function computeStressResultsBatch(
  portfolios: readonly StressPortfolioInput[],
  scenarios: readonly StressScenarioInput[],
  model: StressModel,
  onPortfolio?: (outcome: StressPortfolioOutcome) => void,
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
  const take = onPortfolio ?? ((outcome: StressPortfolioOutcome) => batch.portfolios.push(outcome));
  // Per scenario and per owner once, not per portfolio: the direct multipliers and the owner's scenario list.
  const multipliers = new Map(prepared.map((scenario) => [scenario, directMultipliers(scenario)]));
  const byOwner = new Map<string | null, PreparedStressScenario[]>();
  const scenariosOf = (owner: string | null) => {
    let list = byOwner.get(owner);
    if (!list) byOwner.set(owner, (list = prepared.filter((scenario) => scenario.ownerId === null || scenario.ownerId === owner)));
    return list;
  };
  for (const portfolio of portfolios) {
    let outcome: StressPortfolioOutcome;
    try {
      const exposures = readStressExposures(portfolio);
      const rounded = roundExposures(exposures);
      const results = scenariosOf(portfolio.ownerId ?? null).map((scenario) => computePreparedResult(exposures, scenario, rounded, multipliers.get(scenario)));
      outcome = { portfolioId: portfolio.portfolioId, results, summary: summarizeStressResults(results) };
    } catch (error) {
      batch.failedPortfolios.push({ portfolioId: portfolio.portfolioId, reason: errorMessage(error) });
      continue;
    }
    // Outside the try: an error of the caller's sink is the caller's, not this portfolio's.
    take(outcome);
  }
  return batch;
}

export interface CappedContributions {
  /** exposure × multiplier per factor, scaled alike when the cap applies; unrounded. */
  contributionsUsd: number[];
  /** Σ contributions, or exactly −0.99 × cap base when the cap applies. */
  totalUsd: number;
  capApplied: boolean;
}

/** exposure × multiplier per factor, capped at −0.99 × cap base (all contributions scaled by the same factor). */
export function capContributions(exposuresUsd: readonly number[], multipliers: readonly number[], capBaseUsd: number): CappedContributions {
  const count = exposuresUsd.length;
  const contributionsUsd = new Array<number>(count);
  let totalUsd = 0;
  for (let i = 0; i < count; i += 1) {
    const value = exposuresUsd[i] * multipliers[i];
    contributionsUsd[i] = value;
    totalUsd += value;
  }
  const floorUsd = -STRESS_CONFIG.lossCapFractionOfNetExposure * capBaseUsd;
  const capApplied = capBaseUsd > 0 && totalUsd < floorUsd;
  if (!capApplied) return { contributionsUsd, totalUsd, capApplied };
  const scale = floorUsd / totalUsd;
  for (let i = 0; i < count; i += 1) contributionsUsd[i] *= scale;
  return { contributionsUsd, totalUsd: floorUsd, capApplied };
}

/** Rounds the total to the cent and splits it over the contributions so that they sum to it exactly. */
function allocate(capped: CappedContributions): { totalCents: number; cents: number[]; capApplied: boolean } {
  const totalCents = toCents(capped.totalUsd);
  return { totalCents, cents: allocateCents(capped.contributionsUsd, totalCents), capApplied: capped.capApplied };
}

function roundUsd(value: number): number {
  return centsToUsd(toCents(value));
}

function centsToUsd(cents: number): number {
  return cents === 0 ? 0 : cents / 100;
}

