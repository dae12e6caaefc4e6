/**
 * A stress result (stored or previewed) → the decomposition every stress view shows: both figures per factor with
 * the shared labels, shocked versus implied moves, and the factor behind a correlated total far from the direct one.
 * Pure, so the read models and the builder's route share it.
 */
import type { StressFactorContribution } from "@/lib/risk/stress-engine";
import { expandFactorImpacts, parseStoredJson, readMarketBetaExposure } from "@/lib/db/stress-factor-impacts";
import { findCorrelationDriver } from "@/lib/risk/stress-correlation-driver";
import { isStressFactor, labelStressContribution, STRESS_FACTORS } from "@/lib/risk/stress-factors";
import type { StressPreview } from "@/lib/batch/stress-explain";
import type { StressCellDto, StressDecompositionDto, StressFactorRowDto, StressPreviewDto } from "@/lib/schemas/stress-dto";

/** The decomposition's own fields come straight from the result; its factor rows and driver are derived here. */
export interface StressResultInput extends Omit<StressDecompositionDto, "factors" | "driver"> {
  contributions: Readonly<Record<string, StressFactorContribution>>;
  /** Market Beta (90D) exposure of the direct figure; null for first-model rows. */
  marketBetaExposureUsd: number | null;
}

const CURRENT_MODEL = 2;

export function toStressDecomposition(input: StressResultInput): StressDecompositionDto {
  const current = input.modelVersion >= CURRENT_MODEL;
  const names = current ? STRESS_FACTORS.filter((factor) => input.contributions[factor]) : Object.keys(input.contributions);
  const factors = names.map((factor): StressFactorRowDto => {
    const c = input.contributions[factor];
    const known = current && isStressFactor(factor);
    return {
      factor,
      directLabel: known ? labelStressContribution(factor, "direct") : factor,
      correlatedLabel: known ? labelStressContribution(factor, "correlated") : factor,
      shock: c.shock,
      move: c.move,
      moveKind: c.shock === null ? "implied" : "shocked",
      exposureUsd: c.exposureUsd,
      directExposureUsd: !current ? c.exposureUsd : factor === "Market" ? input.marketBetaExposureUsd : c.exposureUsd,
      directPnl: c.directPnl,
      correlatedPnl: c.correlatedPnl,
    };
  });
  const driver = current ? findCorrelationDriver(input) : null;
  const market = input.contributions.Market;
  return {
    scenarioId: input.scenarioId,
    scenarioName: input.scenarioName,
    modelVersion: current ? CURRENT_MODEL : 1,
    directPnl: input.directPnl,
    correlatedPnl: input.correlatedPnl,
    directCapApplied: input.directCapApplied,
    correlatedCapApplied: input.correlatedCapApplied,
    factors,
    driver: driver && {
      ...driver,
      label: labelStressContribution(driver.factor, "correlated"),
      marketExposureUsd: driver.factor === "Market" ? market?.exposureUsd ?? null : null,
      marketBetaExposureUsd: driver.factor === "Market" ? input.marketBetaExposureUsd : null,
    },
  };
}

/** A heatmap cell for a result and the portfolio's equity; null without a positive equity to divide by. */
export function toStressCell(input: StressResultInput, equityUsd: number | null): StressCellDto | null {
  if (!equityUsd) return null;
  const decomposition = toStressDecomposition(input);
  const top = decomposition.factors
    .filter((row) => row.correlatedPnl !== 0)
    .sort((a, b) => Math.abs(b.correlatedPnl) - Math.abs(a.correlatedPnl))
    .slice(0, 4)
    .map((row): [string, number] => [row.correlatedLabel, row.correlatedPnl]);
  return {
    correlatedPct: input.correlatedPnl / equityUsd,
    directPct: input.directPnl / equityUsd,
    correlatedPnl: input.correlatedPnl,
    directPnl: input.directPnl,
    top,
  };
}

/** A stress_test_results row as selected by the read models. */
export interface StoredStressRow {
  direct_pnl: number;
  correlated_pnl: number;
  direct_cap_applied: boolean;
  correlated_cap_applied: boolean;
  /** JSON text, as stored. */
  factor_impacts: string;
  /** JSON text, as stored. */
  calculation_metadata: string;
}

/** The stress model version a stored row records; null for rows of the first model, which recorded none. */
export function storedModelVersion(row: Pick<StoredStressRow, "calculation_metadata">): number | null {
  const metadata = parseStoredJson(row.calculation_metadata, "stress_test_results.calculation_metadata") as { modelVersion?: unknown } | null;
  return typeof metadata?.modelVersion === "number" ? metadata.modelVersion : null;
}

/** A stored row → the engine's result shape; rows without a model version are the first model's. */
export function readStoredStressResult(row: StoredStressRow, scenario: { scenarioId: string; name: string }): StressResultInput {
  const impacts = parseStoredJson(row.factor_impacts, "stress_test_results.factor_impacts");
  return {
    scenarioId: scenario.scenarioId,
    scenarioName: scenario.name,
    modelVersion: storedModelVersion(row) ?? 1,
    directPnl: row.direct_pnl,
    correlatedPnl: row.correlated_pnl,
    directCapApplied: row.direct_cap_applied,
    correlatedCapApplied: row.correlated_cap_applied,
    contributions: expandFactorImpacts(impacts),
    marketBetaExposureUsd: readMarketBetaExposure(impacts),
  };
}

/** The builder's preview → its DTO (same decomposition as stored results). */
export function toStressPreviewDto(preview: StressPreview): StressPreviewDto {
  const { result } = preview;
  return {
    portfolioId: preview.portfolioId,
    date: preview.date,
    dataDays: preview.dataDays,
    decomposition: toStressDecomposition({
      scenarioId: "preview",
      scenarioName: "Your scenario",
      modelVersion: 2,
      directPnl: result.directPnl,
      correlatedPnl: result.correlatedPnl,
      directCapApplied: result.directCapApplied,
      correlatedCapApplied: result.correlatedCapApplied,
      contributions: result.contributions,
      marketBetaExposureUsd: result.marketBetaExposureUsd,
    }),
  };
}
