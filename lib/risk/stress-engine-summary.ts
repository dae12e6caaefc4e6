/** R15 summary of one portfolio's stress results, pure. */
import { roundToCents, toCents } from "./stress-engine-cents";

export interface StressSummary {
  worst: number | null;
  best: number | null;
  mean: number | null;
  scenariosTested: number;
  worstScenarioId: string | null;
  bestScenarioId: string | null;
}

/**
 * R15 summary over the correlated P&L (the headline figure): worst (min), best (max), mean (to the cent), count and
 * the scenario ids of the worst and best (first in input order on ties). Nulls when there are no results.
 */
export function summarizeStressResults(
  results: readonly { scenarioId: string; correlatedPnl: number }[],
): StressSummary {
  if (results.length === 0) {
    return { worst: null, best: null, mean: null, scenariosTested: 0, worstScenarioId: null, bestScenarioId: null };
  }
  let worst = results[0];
  let best = results[0];
  let totalCents = 0;
  for (const result of results) {
    if (result.correlatedPnl < worst.correlatedPnl) worst = result;
    if (result.correlatedPnl > best.correlatedPnl) best = result;
    totalCents += toCents(result.correlatedPnl);
  }
  return {
    worst: worst.correlatedPnl,
    best: best.correlatedPnl,
    mean: roundToCents(totalCents / results.length / 100),
    scenariosTested: results.length,
    worstScenarioId: worst.scenarioId,
    bestScenarioId: best.scenarioId,
  };
}
