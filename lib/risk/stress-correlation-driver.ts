/**
 * Why a correlated figure is far from the direct one: when the correlated total is more than three times the direct
 * total (in size), the page names the factor that opens the gap, usually a move the model implies for a factor the
 * scenario leaves alone.
 */
import { STRESS_FACTORS, type StressFactor } from "./stress-factors";

/** A correlated total more than this many times the direct total (in absolute value) is explained. */
export const CORRELATION_GAP_RATIO = 3;

export interface CorrelationDriverInput {
  directPnl: number;
  correlatedPnl: number;
  contributions: Readonly<Record<string, { shock: number | null; move: number; directPnl: number; correlatedPnl: number }>>;
}

export interface CorrelationDriver {
  /** |correlated| / |direct|; null when the direct total is 0. */
  ratio: number | null;
  factor: StressFactor;
  /** True when the scenario does not shock this factor: its move is implied by the covariance. */
  implied: boolean;
  /** The factor's move in the correlated figure (Interest Rate: the TLT return). */
  move: number;
  /** This factor's correlated minus direct contribution, USD. */
  gapUsd: number;
}

/**
 * Null unless |correlated| > CORRELATION_GAP_RATIO × |direct|; otherwise the factor whose correlated-minus-direct
 * contribution goes furthest in the direction of the whole gap (first in factor order on ties). O(8).
 */
export function findCorrelationDriver(result: CorrelationDriverInput): CorrelationDriver | null {
  const { directPnl, correlatedPnl } = result;
  if (!(Math.abs(correlatedPnl) > CORRELATION_GAP_RATIO * Math.abs(directPnl))) return null;
  const direction = Math.sign(correlatedPnl - directPnl);
  let best: CorrelationDriver | null = null;
  for (const factor of STRESS_FACTORS) {
    const contribution = result.contributions[factor];
    if (!contribution) continue;
    const gapUsd = contribution.correlatedPnl - contribution.directPnl;
    if (best === null || gapUsd * direction > best.gapUsd * direction) {
      best = {
        ratio: directPnl === 0 ? null : Math.abs(correlatedPnl) / Math.abs(directPnl),
        factor,
        implied: contribution.shock === null,
        move: contribution.move,
        gapUsd,
      };
    }
  }
  return best;
}
