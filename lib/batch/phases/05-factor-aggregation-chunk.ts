import { groupByPortfolio } from "../../base/group-by-portfolio";
import { errorMessage } from "../../base/error-message";
/**
 * Phase 5 for one chunk of portfolios, inside one transaction that first locks their rows: the exposures of every
 * snapshot to (re)compute — the date's, and any other date's whose snapshot was rewritten since its exposures were
 * computed (a restatement or a filled hole) — then the revisions they were computed from. A failure or a value a
 * column cannot hold fails that portfolio alone and leaves no stale rows for it.
 */
import type pg from "pg";
import { getSymbolCache } from "../../cache/symbol-cache";
import { getPool } from "../../db/client";
import { findOutOfRangeColumn, valueOutOfRange } from "../../db/column-limits";
import { listExposurePositions, listSnapshotEquities, replaceFactorExposures, type CoverageRowWrite, type ExposureRowWrite } from "../../db/portfolio-exposures-data";
import { lockPortfolios } from "../../db/portfolio-ledger";
import { groupPairsByDate, listRefreshPairs, markRefreshed, type RefreshPair } from "../../db/snapshot-refresh-marks";
import { NonPositiveEquityError } from "../../risk/portfolio-exposures";
import { publicEquityPredicateOn } from "../remembered-per-day";
import { loadSymbolInputs } from "../shared-symbol-inputs";
import type { ChunkResult } from "../isolated-chunk";
import type { RefreshMode } from "../phase-types";
import { computeExposureRows } from "./05-factor-aggregation-rows";

export interface ExposureChunkResult extends ChunkResult {
  /** Portfolios with nothing to do (no complete snapshot on the date, or already fresh). */
  skipped: string[];
  exposureRows: number;
  coverageRows: number;
  /** Snapshots of other dates (restated or filled) processed too. */
  otherDates: number;
  withoutBetas: number;
}

export function mergeExposureChunkResults(results: ExposureChunkResult[]): ExposureChunkResult {
  const merged: ExposureChunkResult = { done: [], failed: [], skipped: [], exposureRows: 0, coverageRows: 0, otherDates: 0, withoutBetas: 0 };
  for (const r of results) {
    merged.done.push(...r.done);
    merged.failed.push(...r.failed);
    merged.skipped.push(...r.skipped);
    for (const key of ["exposureRows", "coverageRows", "otherDates", "withoutBetas"] as const) merged[key] += r[key];
  }
  return merged;
}

function outOfRange(exposures: ExposureRowWrite[], coverage: CoverageRowWrite): string | null {
  for (const row of exposures) {
    const column = findOutOfRangeColumn("factor_exposures", { exposure_value: row.beta, exposure_dollar: row.exposureUsd });
    if (column) return column;
  }
  return findOutOfRangeColumn("portfolio_factor_coverage", {
    equity_usd: coverage.equityUsd, public_market_value_usd: coverage.publicMarketValueUsd, covered_market_value_usd: coverage.coveredMarketValueUsd,
    private_market_value_usd: coverage.privateMarketValueUsd, coverage: coverage.coverage, private_allocation: coverage.privateAllocation,
  });
}

/** One date's pairs: compute, check, replace the rows of those portfolios (failed ones keep none). */
async function writeDate(db: pg.PoolClient, date: string, pairs: RefreshPair[], factorIds: Map<string, number>, result: ExposureChunkResult, failedIds: Set<string>, calcDate: string) {
  const ids = pairs.map((pair) => pair.portfolioId);
  const [equities, positionRows] = await Promise.all([listSnapshotEquities(date, ids), listExposurePositions(date, ids)]);
  const byPortfolio = groupByPortfolio(positionRows, (row) => row.portfolio_id);
  const symbols = [...new Set(positionRows.map((row) => row.symbol))];
  const [inputs, betas] = await Promise.all([loadSymbolInputs(getPool(), symbols, date, date), getSymbolCache().getFactors(symbols, date)]);
  // The closes on the date: the shared inputs' series of the one-day range, without the close carried into it.
  const closes = new Map<string, number>();
  for (const [symbol, series] of inputs.closes) {
    const last = series[series.length - 1];
    if (last.date === date) closes.set(symbol, last.close);
  }
  const shared = { closes, betas, factorIds, isPublicEquity: publicEquityPredicateOn(date) };
  const exposures: ExposureRowWrite[] = [];
  const coverage: CoverageRowWrite[] = [];
  const on = date === calcDate ? "" : ` (snapshot of ${date})`;
  for (const { portfolioId } of pairs) {
    const equity = equities.get(portfolioId);
    if (equity === undefined) continue;
    try {
      const rows = computeExposureRows(portfolioId, equity, byPortfolio.get(portfolioId) ?? [], shared);
      const column = outOfRange(rows.exposures, rows.coverage);
      if (column) {
        result.failed.push({ portfolioId, type: "value_out_of_range", message: valueOutOfRange(column) + on });
        failedIds.add(portfolioId);
        continue;
      }
      exposures.push(...rows.exposures);
      coverage.push(rows.coverage);
      if (rows.exposures.length === 0) result.withoutBetas += 1;
    } catch (error) {
      failedIds.add(portfolioId);
      result.failed.push(error instanceof NonPositiveEquityError
        ? { portfolioId, type: "zero_equity", message: error.reason + on }
        : { portfolioId, type: "calculation_failed", message: errorMessage(error).slice(0, 500) + on });
    }
  }
  const written = await replaceFactorExposures(db, date, ids, exposures, coverage);
  result.exposureRows += written.exposureRows;
  result.coverageRows += written.coverageRows;
}

export async function writeExposureChunk(db: pg.PoolClient, portfolioIds: readonly string[], calcDate: string, mode: RefreshMode, factorIds: Map<string, number>): Promise<ExposureChunkResult> {
  const result: ExposureChunkResult = { done: [], failed: [], skipped: [], exposureRows: 0, coverageRows: 0, otherDates: 0, withoutBetas: 0 };
  await lockPortfolios(db, portfolioIds);
  const pairs = await listRefreshPairs(db, calcDate, portfolioIds, mode === "recompute", "exposures");
  const failedIds = new Set<string>();
  for (const [date, ofDate] of groupPairsByDate(pairs)) {
    await writeDate(db, date, ofDate, factorIds, result, failedIds, calcDate);
    if (date !== calcDate) result.otherDates += ofDate.length;
  }
  await markRefreshed(db, "exposures", pairs);
  const withWork = new Set(pairs.map((pair) => pair.portfolioId));
  for (const id of portfolioIds) {
    if (!withWork.has(id)) result.skipped.push(id);
    else if (!failedIds.has(id)) result.done.push(id);
  }
  return result;
}
