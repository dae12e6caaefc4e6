/**
 * The stress model of a date: its factor covariance, computed once per date and stored (every chunk, rerun, explain
 * and scenario preview of the date uses the stored matrix), and the TLT duration from the environment.
 */
import { getFactorCovarianceRow, listEtfClosePanel, saveFactorCovarianceRow } from "../db/stress-covariance";
import { computeStressFactorCovariance, isCurrentStressCovariance } from "../risk/stress-factor-covariance";
import { STRESS_FACTOR_ETFS } from "../risk/stress-factors";
import { STRESS_CONFIG } from "../risk/stress-scenarios";
import type { StressModel } from "../risk/stress-engine";

export interface DateStressCovariance {
  calculationDate: string;
  covariance: number[][];
  /** Number of daily factor vectors behind it. */
  dataDays: number;
  /** True when this call computed it; false when the stored matrix of the date was used. */
  computed: boolean;
  /** True when it is stored (a matrix from fewer than 30 days is used but not stored, so it is recomputed later). */
  stored: boolean;
}

/**
 * The stored covariance of the date when it is in the current model's coordinates; otherwise the covariance of the
 * last 252 factor vectors ending on the date (from the 253 latest dates on which all eight ETFs have a price),
 * stored unless it rests on fewer than STRESS_CONFIG.minCorrelationObservations days. A stored matrix of an older
 * model is replaced, which is what makes results of earlier dates recomputable by rerunning the stress phase.
 */
export async function getOrComputeStressCovariance(calcDate: string): Promise<DateStressCovariance> {
  const existing = await getFactorCovarianceRow(calcDate);
  if (existing && isCurrentStressCovariance(existing.factors)) {
    return { calculationDate: calcDate, covariance: existing.covariance, dataDays: existing.dataDays, computed: false, stored: true };
  }
  const panel = await listEtfClosePanel(STRESS_FACTOR_ETFS, calcDate, STRESS_CONFIG.lookbackReturns + 1);
  const computed = computeStressFactorCovariance(panel.closes);
  if (computed.dataDays < STRESS_CONFIG.minCorrelationObservations) {
    return { calculationDate: calcDate, covariance: computed.covariance, dataDays: computed.dataDays, computed: true, stored: false };
  }
  const saved = await saveFactorCovarianceRow({ calculationDate: calcDate, ...computed });
  const ours = saved.dataDays === computed.dataDays && JSON.stringify(saved.covariance) === JSON.stringify(computed.covariance);
  return { calculationDate: calcDate, covariance: saved.covariance, dataDays: saved.dataDays, computed: ours, stored: true };
}

/** TLT modified duration D, overridable with TLT_MODIFIED_DURATION (must be a positive number). */
export function resolveTltModifiedDuration(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TLT_MODIFIED_DURATION?.trim();
  if (raw === undefined || raw === "") return STRESS_CONFIG.tltModifiedDuration;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`TLT_MODIFIED_DURATION must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

/** The model the engine needs for a date: its covariance and D. */
export async function loadStressModel(calcDate: string, env: NodeJS.ProcessEnv = process.env): Promise<{ model: StressModel; covariance: DateStressCovariance }> {
  const tltModifiedDuration = resolveTltModifiedDuration(env);
  const covariance = await getOrComputeStressCovariance(calcDate);
  return { model: { factorCovariance: covariance.covariance, tltModifiedDuration }, covariance };
}
