/**
 * Phase 6 — stress testing, set-based: active scenarios (standard, plus the personal scenarios of the owners in
 * scope), factor exposures and snapshots are read once for the date; the factor covariance is computed once per date
 * and stored (lib/batch/stress-model.ts, reused by every chunk and rerun); the stress engine's batch API prepares
 * each scenario once (one conditional expectation) and then takes dot products per portfolio; results and summaries
 * are replaced per chunk in one transaction (results by COPY, factor_impacts in the compact shape of
 * lib/db/stress-factor-impacts.ts, stored as JSON text and read back with expandFactorImpacts). Besides the date it recomputes every other
 * snapshot of its portfolios whose exposures changed since their stress (restatements, filled holes); each chunk is
 * written after locking its portfolios and retried portfolio by portfolio when its transaction fails
 * (06-stress-chunk.ts).
 */
import { listActivePortfolioIds } from "../../db/active-portfolios";
import {
  listActiveScenarios,
  type ActiveScenarioRow,
  type StressPortfolioRow,
  type StressRunMetadata,
  type StressSummaryWrite,
} from "../../db/stress-results-data";
import { computeStressResultsBatch, type StressPortfolioInput } from "../../risk/stress-engine";
import { STRESS_CONFIG } from "../../risk/stress-scenarios";
import { getOrComputeStressCovariance, resolveTltModifiedDuration } from "../stress-model";
import { summarizePhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { runPortfolioChunks } from "../portfolio-chunks";
import { pipelinedChunkSize } from "../write-pipeline";
import { mergeStressChunkResults, writeStressChunk, type ComputeStress, type StressDateRows, type StressRowSink } from "./06-stress-chunk";

export const NO_FACTOR_EXPOSURES = "no factor exposures";
export const NO_COMPLETE_SNAPSHOT = "no complete snapshot";
/** Portfolios per chunk at most: 1,000 × 19 scenarios ≈ 19,000 result rows per COPY; a nightly step of 1,000 is cut into four (pipelinedChunkSize). */
const STRESS_CHUNK_SIZE = 1_000;

export { resolveTltModifiedDuration } from "../stress-model";

export async function runStressPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  const tltDuration = resolveTltModifiedDuration(ctx.env ?? process.env);
  const mode = ctx.mode ?? "recompute";
  const [ids, scenarios] = await Promise.all([
    ctx.portfolioIds ? [...ctx.portfolioIds] : listActivePortfolioIds(calcDate),
    listActiveScenarios(ctx.portfolioIds ?? null),
  ]);
  const compute: ComputeStress = (date, portfolios, onRow) => computeStressForDate(date, portfolios, scenarios, tltDuration, onRow);
  const chunkSize = ctx.chunkSize ?? pipelinedChunkSize(ids.length, STRESS_CHUNK_SIZE);
  const total = await runPortfolioChunks(ctx, ids, chunkSize, (db, chunkIds) => writeStressChunk(db, chunkIds, calcDate, mode, compute), mergeStressChunkResults);
  for (const note of total.notes) ctx.log("warn", note);
  for (const [reason, count] of Object.entries(total.skipReasons)) ctx.log("info", `${count} portfolio(s) skipped: ${reason}`);
  const failedPortfolios = new Set(total.failed.map((failure) => failure.portfolioId));
  return summarizePhase({
    itemsTotal: ids.length,
    itemsDone: total.done.length,
    itemsFailed: failedPortfolios.size,
    itemsSkipped: total.skipped.length,
    errors: total.failed,
    result: {
      calcDate,
      mode,
      scenarios: scenarios.length - total.skippedScenarios.length,
      skippedScenarios: total.skippedScenarios,
      resultRows: total.resultRows,
      summaryRows: total.summaryRows,
      skipReasons: total.skipReasons,
      otherDates: total.otherDates,
      covarianceDate: total.covariance?.calculationDate ?? null,
      covarianceComputed: total.covariance?.computed ?? false,
      covarianceStored: total.covariance?.stored ?? false,
      dataDays: total.covariance?.dataDays ?? 0,
      tltDuration,
    },
  });
}

/**
 * The stress rows of one date's portfolios: the date's covariance (computed once and stored), each scenario prepared
 * once, then per-portfolio dot products, each portfolio's rows handed to `onRow` as soon as they are computed.
 * Portfolios without exposures or a snapshot are skipped with the reason; those the engine cannot compute fail with it.
 */
export async function computeStressForDate(
  calcDate: string, portfolios: StressPortfolioRow[], scenarios: ActiveScenarioRow[], tltDuration: number, onRow: StressRowSink,
): Promise<StressDateRows> {
  const covariance = await getOrComputeStressCovariance(calcDate);
  const notes: string[] = [];
  if (covariance.dataDays < STRESS_CONFIG.minCorrelationObservations) {
    notes.push(`Only ${covariance.dataDays} factor ETF returns up to ${calcDate}: correlations are set to 0`);
  }
  const scenarioMeta = new Map(scenarios.map((s) => [s.id, { scenarioId: s.scenarioId, name: s.name, category: s.category }]));
  const scenarioInputs = scenarios.map((s) => ({ scenarioId: s.scenarioId, shocks: s.shocks, ownerId: s.ownerId }));
  const model = { factorCovariance: covariance.covariance, tltModifiedDuration: tltDuration };
  const errors: PhaseErrorDetail[] = [];
  const skipped: { portfolioId: string; reason: string }[] = [];
  const inputs: StressPortfolioInput[] = [];
  for (const portfolio of portfolios) {
    const outcome = toStressInput(portfolio);
    if (outcome.kind === "input") inputs.push(outcome.input);
    else if (outcome.kind === "skip") skipped.push({ portfolioId: portfolio.portfolioId, reason: outcome.reason });
    else errors.push({ type: "bad_data", portfolioId: portfolio.portfolioId, message: outcome.reason });
  }
  const metadata: StressRunMetadata = { covarianceDate: covariance.calculationDate, dataDays: covariance.dataDays, tltDuration, scenarios: scenarioMeta };
  const batch = computeStressResultsBatch(inputs, scenarioInputs, model, ({ portfolioId, results, summary }) => {
    const summaryRow: StressSummaryWrite | null = summary.scenariosTested > 0 ? {
      portfolioId,
      scenariosTested: summary.scenariosTested,
      worstPnl: summary.worst!,
      worstScenarioId: summary.worstScenarioId!,
      bestPnl: summary.best!,
      bestScenarioId: summary.bestScenarioId!,
      meanPnl: summary.mean!,
    } : null;
    onRow({ portfolioId, results, summary: summaryRow }, metadata);
  });
  for (const scenario of batch.skippedScenarios) notes.push(`Scenario ${scenario.scenarioId} skipped: ${scenario.reason}`);
  for (const failed of batch.failedPortfolios) errors.push({ type: "calculation_failed", portfolioId: failed.portfolioId, message: failed.reason });
  return {
    errors, skipped, notes,
    skippedScenarios: batch.skippedScenarios.map((scenario) => scenario.scenarioId),
    covariance,
  };
}

type StressInputOutcome = { kind: "input"; input: StressPortfolioInput } | { kind: "skip"; reason: string } | { kind: "error"; reason: string };

function toStressInput(portfolio: StressPortfolioRow): StressInputOutcome {
  if (Object.keys(portfolio.exposuresUsd).length === 0) return { kind: "skip", reason: NO_FACTOR_EXPOSURES };
  if (portfolio.equityUsd === null || portfolio.netExposureUsd === null) return { kind: "skip", reason: NO_COMPLETE_SNAPSHOT };
  const bad = Object.entries(portfolio.exposuresUsd).find(([, value]) => !Number.isFinite(value));
  if (bad) return { kind: "error", reason: `non-finite ${bad[0]} exposure` };
  if (!Number.isFinite(portfolio.equityUsd) || !Number.isFinite(portfolio.netExposureUsd)) {
    return { kind: "error", reason: "non-finite equity or net exposure" };
  }
  return {
    kind: "input",
    input: {
      portfolioId: portfolio.portfolioId, ownerId: portfolio.ownerId, exposuresUsd: portfolio.exposuresUsd,
      netExposureUsd: portfolio.netExposureUsd, equityUsd: portfolio.equityUsd,
    },
  };
}
