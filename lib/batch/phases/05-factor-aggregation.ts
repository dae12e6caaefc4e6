/**
 * Phase 5 — factor aggregation, symbol → portfolio: E = the equity of the portfolio's complete snapshot, betas from
 * the process-wide symbol cache, the math in lib/risk/portfolio-exposures (05-factor-aggregation-rows). Besides the
 * date it recomputes every other snapshot of its portfolios that Phase 4 rewrote since (restatements, filled holes).
 * Chunks are written in one transaction each (two in flight) after locking their portfolios; a chunk whose
 * transaction fails is retried portfolio by portfolio, so one bad portfolio fails alone.
 */
import { listActivePortfolioIds } from "../../db/active-portfolios";
import { loadFactorIds } from "../../db/portfolio-exposures-data";
import { PORTFOLIO_CHUNK_SIZE } from "../portfolio-chunk-size";
import { summarizePhase, type PhaseContext, type PhaseSummary } from "../phase-types";
import { runPortfolioChunks } from "../portfolio-chunks";
import { MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS, pipelinedChunkSize } from "../write-pipeline";
import { mergeExposureChunkResults, writeExposureChunk } from "./05-factor-aggregation-chunk";

export async function runFactorAggregationPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  const mode = ctx.mode ?? "recompute";
  const ids = ctx.portfolioIds ? [...ctx.portfolioIds] : await listActivePortfolioIds(calcDate);
  const factorIds = await loadFactorIds();
  const chunkSize = ctx.chunkSize ?? pipelinedChunkSize(ids.length, PORTFOLIO_CHUNK_SIZE, MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS);
  const total = await runPortfolioChunks(ctx, ids, chunkSize, (db, chunkIds) => writeExposureChunk(db, chunkIds, calcDate, mode, factorIds), mergeExposureChunkResults);
  if (total.skipped.length > 0) ctx.log("info", `${total.skipped.length} portfolio(s) have no snapshot to process on ${calcDate}; skipped`);
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
      exposureRows: total.exposureRows,
      coverageRows: total.coverageRows,
      otherDates: total.otherDates,
      portfoliosWithoutBetas: total.withoutBetas,
      skippedNoSnapshot: total.skipped.length,
    },
  });
}
