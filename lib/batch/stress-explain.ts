/**
 * Stress of one portfolio on one date outside the nightly: `stress explain` (a stored scenario, laid open) and the
 * scenario builder's preview (shocks the user types). Both read the date's stored exposures and covariance and run
 * the same engine as the nightly.
 */
import { listStressPortfolios } from "../db/stress-results-data";
import { getLatestExposureDate, getPortfolioOwner, getScenarioByScenarioId } from "../db/stress-scenario-rows";
import { isIsoDate } from "../base/calendar";
import { isUuid } from "../base/uuid";
import { computeStressResult, prepareStressScenario, type StressPortfolioInput, type StressScenarioResult } from "../risk/stress-engine";
import { explainStressScenario, type StressExplanation } from "../risk/stress-explain";
import type { StressFactor } from "../risk/stress-factors";
import { loadStressModel } from "./stress-model";

/** A request that names something that does not exist or cannot be stressed; the message is a sentence for the user. */
export class StressRequestError extends Error {
  constructor(message: string, readonly kind: "not_found" | "invalid") {
    super(message);
  }
}

/** Who asks: an owner sees their own portfolios, an admin every portfolio. */
export interface StressViewer {
  userId: string;
  role: string;
}


async function loadPortfolioOrThrow(portfolioId: string, viewer: StressViewer | null): Promise<{ ownerId: string; name: string }> {
  const owner = isUuid(portfolioId) ? await getPortfolioOwner(portfolioId) : null;
  if (!owner || (viewer && viewer.role !== "admin" && viewer.userId !== owner.ownerId)) {
    throw new StressRequestError(`No portfolio with id ${portfolioId}.`, "not_found");
  }
  return owner;
}

async function loadStressInputOrThrow(portfolioId: string, ownerId: string, date: string): Promise<StressPortfolioInput> {
  const [row] = await listStressPortfolios(date, [portfolioId]);
  if (!row || Object.keys(row.exposuresUsd).length === 0) {
    throw new StressRequestError(`Portfolio ${portfolioId} has no factor exposures on ${date}; pick a date the nightly has processed for it.`, "invalid");
  }
  if (row.equityUsd === null || row.netExposureUsd === null) {
    throw new StressRequestError(`Portfolio ${portfolioId} has no complete snapshot on ${date}, so its loss cap is unknown.`, "invalid");
  }
  return { portfolioId, ownerId, exposuresUsd: row.exposuresUsd, netExposureUsd: row.netExposureUsd, equityUsd: row.equityUsd };
}

/**
 * The laid-open explanation of a stored scenario (standard, or personal to the portfolio's owner) for a portfolio on a date.
 * @throws StressRequestError for an unknown portfolio, scenario or date, or a date without exposures.
 */
export async function explainStoredScenario(input: { portfolioId: string; date: string; scenarioId: string; env?: NodeJS.ProcessEnv }): Promise<StressExplanation> {
  if (!isIsoDate(input.date)) throw new StressRequestError(`--date must be a real date written YYYY-MM-DD, got "${input.date}".`, "invalid");
  const owner = await loadPortfolioOrThrow(input.portfolioId, null);
  const scenario = await getScenarioByScenarioId(input.scenarioId);
  if (!scenario || (scenario.ownerId !== null && scenario.ownerId !== owner.ownerId)) {
    throw new StressRequestError(`No scenario "${input.scenarioId}" for this portfolio; \`stress explain\` takes the scenario ids shown on the stress page (e.g. market_down_10).`, "not_found");
  }
  const portfolio = await loadStressInputOrThrow(input.portfolioId, owner.ownerId, input.date);
  const { model } = await loadStressModel(input.date, input.env);
  return explainStressScenario({
    portfolio,
    date: input.date,
    scenario: { scenarioId: scenario.scenarioId, name: scenario.name, shocks: scenario.shocks },
    model,
  });
}

export interface StressPreview {
  portfolioId: string;
  date: string;
  dataDays: number;
  result: StressScenarioResult;
}

/**
 * The builder's preview: the given shocks on the portfolio's exposures of the date (default: its latest date with
 * exposures) and that date's stored covariance, both figures with contributions.
 * @throws StressRequestError when the viewer may not see the portfolio, or it has no exposures on the date.
 */
export async function previewStressScenario(input: {
  viewer: StressViewer;
  portfolioId: string;
  date?: string;
  shocks: Partial<Record<StressFactor, number>>;
  env?: NodeJS.ProcessEnv;
}): Promise<StressPreview> {
  const owner = await loadPortfolioOrThrow(input.portfolioId, input.viewer);
  const date = input.date ?? (await getLatestExposureDate(input.portfolioId));
  if (!date) throw new StressRequestError("This portfolio has no factor exposures yet; the builder works once the nightly has valued it.", "invalid");
  const portfolio = await loadStressInputOrThrow(input.portfolioId, owner.ownerId, date);
  const { model, covariance } = await loadStressModel(date, input.env);
  let scenario;
  try {
    scenario = prepareStressScenario({ scenarioId: "preview", shocks: input.shocks }, model);
  } catch (error) {
    throw new StressRequestError(`These shocks cannot be combined on ${date}: ${(error as Error).message}.`, "invalid");
  }
  return { portfolioId: input.portfolioId, date, dataDays: covariance.dataDays, result: computeStressResult(portfolio, scenario) };
}
