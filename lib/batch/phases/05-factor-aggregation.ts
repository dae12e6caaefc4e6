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
import { runIsolatedChunk } from "../isolated-chunk";
import { summarizePhase, type PhaseContext, type PhaseSummary } from "../phase-types";
import { chunkItems } from "../run-work";
import { createWritePipeline, MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS, pipelinedChunkSize } from "../write-pipeline";
import { mergeExposureChunkResults, writeExposureChunk, type ExposureChunkResult } from "./05-factor-aggregation-chunk";
import { fenceInvalidatingReadModels } from "../read-model-fence";

export async function runFactorAggregationPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  const mode = ctx.mode ?? "recompute";
  const ids = ctx.portfolioIds ? [...ctx.portfolioIds] : await listActivePortfolioIds(calcDate);
  const factorIds = await loadFactorIds();
  const results: ExposureChunkResult[] = [];
  let processed = 0;
  const writes = createWritePipeline();
  for (const chunk of chunkItems(ids, ctx.chunkSize ?? pipelinedChunkSize(ids.length, PORTFOLIO_CHUNK_SIZE, MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS))) {
    ctx.signal?.throwIfAborted();
    const write = runIsolatedChunk(chunk, (db, portfolioIds) => writeExposureChunk(db, portfolioIds, calcDate, mode, factorIds), mergeExposureChunkResults, {
      fence: fenceInvalidatingReadModels(ctx.fence, chunk), signal: ctx.signal,
    }).then((result) => {
      results.push(result);
      processed += chunk.length;
      ctx.progress(processed, ids.length);
    });
    await writes.submit(write);
  }
  await writes.drain();
  const total = mergeExposureChunkResults(results);
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
