/**
 * Phase 6 for one chunk of portfolios, inside one transaction that first locks their rows: the stress of every
 * snapshot to (re)compute — the date's, and any other date's whose exposures were recomputed since — then the
 * revisions it was computed from. The stress math is the caller's (06-stress.ts); this is the write path: a failure
 * or a value a column cannot hold fails that portfolio alone and leaves no stale rows for it.
 */
import type pg from "pg";
import { COLUMN_LIMITS, findOutOfRangeColumn, fitsColumn, valueOutOfRange } from "../../db/column-limits";
import { lockPortfolios } from "../../db/portfolio-ledger";
import { groupPairsByDate, listRefreshPairs, markRefreshed } from "../../db/snapshot-refresh-marks";
import {
  listPortfoliosWithResults, listStressPortfolios, replaceStressResults, StressResultCopyText, type StressPortfolioRow,
  type StressPortfolioWrite, type StressRunMetadata, type StressSummaryWrite,
} from "../../db/stress-results-data";
import type { ChunkResult } from "../isolated-chunk";
import type { DateStressCovariance } from "../stress-model";
import type { PhaseErrorDetail, RefreshMode } from "../phase-types";

/** One portfolio's stress rows and summary, handed over as soon as they are computed, with the run's metadata. */
export type StressRowSink = (row: StressPortfolioWrite & { summary: StressSummaryWrite | null }, metadata: StressRunMetadata) => void;

/** What the stress math returns for one date's portfolios, besides the rows it handed to the sink. */
export interface StressDateRows {
  errors: PhaseErrorDetail[];
  skipped: { portfolioId: string; reason: string }[];
  notes: string[];
  skippedScenarios: string[];
  covariance: DateStressCovariance;
}

export interface StressChunkResult extends ChunkResult {
  skipped: string[];
  skipReasons: Record<string, number>;
  resultRows: number;
  summaryRows: number;
  otherDates: number;
  notes: string[];
  skippedScenarios: string[];
  /** The calc date's covariance (for the phase record). */
  covariance: DateStressCovariance | null;
}

function emptyResult(): StressChunkResult {
  return { done: [], failed: [], skipped: [], skipReasons: {}, resultRows: 0, summaryRows: 0, otherDates: 0, notes: [], skippedScenarios: [], covariance: null };
}

export function mergeStressChunkResults(results: StressChunkResult[]): StressChunkResult {
  const merged = emptyResult();
  for (const r of results) {
    merged.done.push(...r.done);
    merged.failed.push(...r.failed);
    merged.skipped.push(...r.skipped);
    for (const [reason, count] of Object.entries(r.skipReasons)) merged.skipReasons[reason] = (merged.skipReasons[reason] ?? 0) + count;
    merged.resultRows += r.resultRows;
    merged.summaryRows += r.summaryRows;
    merged.otherDates += r.otherDates;
    merged.notes = [...new Set([...merged.notes, ...r.notes])];
    merged.skippedScenarios = [...new Set([...merged.skippedScenarios, ...r.skippedScenarios])];
    merged.covariance ??= r.covariance;
  }
  return merged;
}

const RESULT_LIMITS = COLUMN_LIMITS.stress_test_results;

function outOfRange(results: StressPortfolioWrite["results"], summary: StressSummaryWrite | null): string | null {
  // Three columns of every scenario row of every portfolio: checked directly, without a values object per row.
  for (const row of results) {
    if (!fitsColumn(RESULT_LIMITS.direct_pnl, row.directPnl)) return "direct_pnl";
    if (!fitsColumn(RESULT_LIMITS.correlated_pnl, row.correlatedPnl)) return "correlated_pnl";
    if (!fitsColumn(RESULT_LIMITS.correlation_effect, row.correlationEffect)) return "correlation_effect";
  }
  return summary ? findOutOfRangeColumn("stress_test_summaries", { worst_pnl: summary.worstPnl, best_pnl: summary.bestPnl, mean_pnl: summary.meanPnl }) : null;
}

export type ComputeStress = (date: string, portfolios: StressPortfolioRow[], onRow: StressRowSink) => Promise<StressDateRows>;

export async function writeStressChunk(db: pg.PoolClient, portfolioIds: readonly string[], calcDate: string, mode: RefreshMode, compute: ComputeStress): Promise<StressChunkResult> {
  const result = emptyResult();
  await lockPortfolios(db, portfolioIds);
  const pairs = await listRefreshPairs(db, calcDate, portfolioIds, mode === "recompute", "stress");
  const failedIds = new Set<string>();
  const skippedOnDate = new Set<string>();
  for (const [date, ofDate] of groupPairsByDate(pairs)) {
    const ids = ofDate.map((pair) => pair.portfolioId);
    const [portfolios, withResults] = await Promise.all([listStressPortfolios(date, ids), listPortfoliosWithResults(date, ids)]);
    const on = date === calcDate ? "" : ` (snapshot of ${date})`;
    // Each portfolio's rows are checked and encoded as they come, so none of the chunk's result objects outlive their
    // portfolio; a value a column cannot hold fails that portfolio alone.
    let copy = null as StressResultCopyText | null; // assigned in the callback: a declared type would narrow to null here
    const summaries: StressSummaryWrite[] = [];
    const outOfRangeFailures: StressChunkResult["failed"] = [];
    const computed = await compute(date, portfolios, (row, metadata) => {
      const column = outOfRange(row.results, row.summary);
      if (column) {
        outOfRangeFailures.push({ portfolioId: row.portfolioId, type: "value_out_of_range", message: valueOutOfRange(column) + on });
        return;
      }
      (copy ??= new StressResultCopyText(date, metadata)).add(row);
      if (row.summary) summaries.push(row.summary);
    });
    if (date === calcDate) result.covariance = computed.covariance;
    result.notes.push(...computed.notes);
    result.skippedScenarios.push(...computed.skippedScenarios);
    for (const skip of computed.skipped) {
      result.skipReasons[skip.reason] = (result.skipReasons[skip.reason] ?? 0) + 1;
      if (date === calcDate) skippedOnDate.add(skip.portfolioId);
    }
    for (const error of computed.errors) {
      failedIds.add(error.portfolioId!);
      result.failed.push({ portfolioId: error.portfolioId!, type: error.type, message: error.message + on });
    }
    for (const failure of outOfRangeFailures) {
      failedIds.add(failure.portfolioId);
      result.failed.push(failure);
    }
    // Every portfolio of the date is replaced, so a skipped or failed one keeps no stale results.
    const encoded = copy?.finish() ?? { chunks: [], rows: 0 };
    const written = await replaceStressResults(db, date, ids, encoded, summaries, { hasExistingResults: ids.some((id) => withResults.has(id)) });
    result.resultRows += written.resultRows;
    result.summaryRows += written.summaryRows;
    if (date !== calcDate) result.otherDates += ofDate.length;
  }
  await markRefreshed(db, "stress", pairs);
  const withWork = new Set(pairs.map((pair) => pair.portfolioId));
  for (const id of portfolioIds) {
    if (failedIds.has(id)) continue;
    if (!withWork.has(id) || skippedOnDate.has(id)) result.skipped.push(id);
    else result.done.push(id);
  }
  return result;
}
