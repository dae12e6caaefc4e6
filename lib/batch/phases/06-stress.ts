/**
 * Phase 6 — stress testing (domain.md D5, D6, §5.7, §12 B13/B23, §13 Q1/Q2/Q13), set-based: active scenarios,
 * factor exposures and snapshots are read once for the date; the 8-ETF EWMA covariance is computed once per date
 * and stored (factor_covariances, reused by every chunk and rerun); the stress engine's batch API prepares each
 * scenario once (one conditional expectation) and then takes dot products per portfolio; results and summaries are
 * replaced per chunk in one transaction (results by COPY, factor_impacts in the compact shape of
 * lib/db/stress-results-data.ts, read back with expandFactorImpacts).
 */
import { getOrComputeFactorCovariance } from "../../db/stress-covariance";
import {
  listActiveScenarios,
  listPortfoliosWithResults,
  listStressPortfolios,
  replaceStressResults,
  type StressPortfolioRow,
  type StressResultWrite,
  type StressSummaryWrite,
} from "../../db/stress-results-data";
import { toScopeParam } from "../../db/portfolio-sql";
import { chunkItems } from "../run-work";
import { computeStressResultsBatch, type StressPortfolioInput } from "../../risk/stress-engine";
import { STRESS_CONFIG } from "../../risk/stress-scenarios";
import { summarizePhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { createWritePipeline } from "../write-pipeline";

export const NO_FACTOR_EXPOSURES = "no factor exposures";
export const NO_COMPLETE_SNAPSHOT = "no complete snapshot";
/** Chunk write transactions in flight at once (the target machine has 2 cores). */
/** Portfolios per chunk: 1,000 × 19 scenarios ≈ 19,000 result rows per COPY; smaller chunks overlap compute and writes better. */
const STRESS_CHUNK_SIZE = 1_000;

/** D5: TLT modified duration, overridable with TLT_MODIFIED_DURATION (must be a positive number). */
export function resolveTltModifiedDuration(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TLT_MODIFIED_DURATION?.trim();
  if (raw === undefined || raw === "") return STRESS_CONFIG.tltModifiedDuration;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`TLT_MODIFIED_DURATION must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

export async function runStressPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  const tltDuration = resolveTltModifiedDuration(ctx.env ?? process.env);
  const scope = toScopeParam(ctx.portfolioIds);
  const [scenarios, portfolios, covariance, withResults] = await Promise.all([
    listActiveScenarios(),
    listStressPortfolios(calcDate, scope),
    getOrComputeFactorCovariance(calcDate),
    listPortfoliosWithResults(calcDate, scope),
  ]);
  if (covariance.dataDays < STRESS_CONFIG.minCorrelationObservations) {
    ctx.log("warn", `Only ${covariance.dataDays} factor ETF returns up to ${calcDate}: correlations are set to 0`);
  }
  const scenarioUuid = new Map(scenarios.map((s) => [s.scenarioId, s.id]));
  const scenarioMeta = new Map(scenarios.map((s) => [s.id, { scenarioId: s.scenarioId, name: s.name, category: s.category }]));
  const scenarioInputs = scenarios.map((s) => ({ scenarioId: s.scenarioId, shocks: s.shocks }));
  const model = { factorCovariance: covariance.covariance, tltModifiedDuration: tltDuration };
  const errors: PhaseErrorDetail[] = [];
  const skipReasons: Record<string, number> = {};
  const totals = { portfolios: 0, resultRows: 0, summaryRows: 0 };
  let skippedScenarios: { scenarioId: string; reason: string }[] = [];
  let processed = 0;
  const writes = createWritePipeline();
  for (const chunk of chunkItems(portfolios, STRESS_CHUNK_SIZE)) {
    ctx.signal?.throwIfAborted();
    const inputs: StressPortfolioInput[] = [];
    for (const portfolio of chunk) {
      const outcome = toStressInput(portfolio);
      if (outcome.kind === "input") inputs.push(outcome.input);
      else if (outcome.kind === "skip") skipReasons[outcome.reason] = (skipReasons[outcome.reason] ?? 0) + 1;
      else errors.push({ type: "bad_data", portfolioId: portfolio.portfolioId, message: outcome.reason });
    }
    const batch = computeStressResultsBatch(inputs, scenarioInputs, model);
    skippedScenarios = batch.skippedScenarios;
    const results: StressResultWrite[] = [];
    const summaries: StressSummaryWrite[] = [];
    for (const { portfolioId, results: rows, summary } of batch.portfolios) {
      for (const row of rows) {
        results.push({
          portfolioId,
          scenarioUuid: scenarioUuid.get(row.scenarioId)!,
          directPnl: row.directPnl,
          correlatedPnl: row.correlatedPnl,
          correlationEffect: row.correlationEffect,
          directCapApplied: row.directCapApplied,
          correlatedCapApplied: row.correlatedCapApplied,
          contributions: row.contributions,
        });
      }
      if (summary.scenariosTested > 0) {
        summaries.push({
          portfolioId,
          scenariosTested: summary.scenariosTested,
          worstPnl: summary.worst!,
          worstScenarioId: summary.worstScenarioId!,
          bestPnl: summary.best!,
          bestScenarioId: summary.bestScenarioId!,
          meanPnl: summary.mean!,
        });
      }
    }
    // Every portfolio of the chunk is replaced, so a skipped one keeps no stale results for the date. Up to
    // CHUNK_WRITE_CONCURRENCY chunk transactions run at once (disjoint portfolios), overlapping with the next compute.
    const write = replaceStressResults(calcDate, chunk.map((p) => p.portfolioId), results, summaries, {
      covarianceDate: covariance.calculationDate,
      dataDays: covariance.dataDays,
      tltDuration,
      scenarios: scenarioMeta,
    }, { hasExistingResults: chunk.some((p) => withResults.has(p.portfolioId)) }).then((written) => {
      totals.resultRows += written.resultRows;
      totals.summaryRows += written.summaryRows;
      totals.portfolios += batch.portfolios.length;
      processed += chunk.length;
      ctx.progress(processed, portfolios.length);
    });
    await writes.submit(write);
  }
  await writes.drain();
  for (const skipped of skippedScenarios) ctx.log("warn", `Scenario ${skipped.scenarioId} skipped: ${skipped.reason}`);
  for (const [reason, count] of Object.entries(skipReasons)) ctx.log("info", `${count} portfolio(s) skipped: ${reason}`);
  const itemsSkipped = Object.values(skipReasons).reduce((sum, count) => sum + count, 0);
  return summarizePhase({
    itemsTotal: portfolios.length,
    itemsDone: totals.portfolios,
    itemsFailed: errors.length,
    itemsSkipped,
    errors,
    result: {
      calcDate,
      scenarios: scenarios.length - skippedScenarios.length,
      skippedScenarios: skippedScenarios.map((s) => s.scenarioId),
      resultRows: totals.resultRows,
      summaryRows: totals.summaryRows,
      skipReasons,
      covarianceDate: covariance.calculationDate,
      covarianceComputed: covariance.computed,
      covarianceStored: covariance.stored,
      dataDays: covariance.dataDays,
      tltDuration,
    },
  });
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
    input: { portfolioId: portfolio.portfolioId, exposuresUsd: portfolio.exposuresUsd, netExposureUsd: portfolio.netExposureUsd, equityUsd: portfolio.equityUsd },
  };
}
