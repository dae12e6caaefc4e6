/**
 * The chunk loop the portfolio phases (4–6) share: each chunk of portfolios is written in a transaction of its own
 * (runIsolatedChunk: one bad portfolio fails alone), the read models of its portfolios are invalidated inside that
 * transaction, the next chunk is computed while up to two write (createWritePipeline), and progress is reported as
 * chunks land.
 */
import type pg from "pg";
import { runIsolatedChunk, type ChunkResult } from "./isolated-chunk";
import type { PhaseContext } from "./phase-types";
import { fenceInvalidatingReadModels } from "./read-model-fence";
import { chunkItems } from "./run-work";
import { createWritePipeline } from "./write-pipeline";

/** Runs `writeChunk` over `portfolioIds` in chunks of `chunkSize` and returns the chunks' results merged by `merge`. */
export async function runPortfolioChunks<R extends ChunkResult>(
  ctx: Pick<PhaseContext, "fence" | "signal" | "progress">,
  portfolioIds: readonly string[],
  chunkSize: number,
  writeChunk: (db: pg.PoolClient, chunkIds: readonly string[]) => Promise<R>,
  merge: (results: R[]) => R,
): Promise<R> {
  const results: R[] = [];
  let processed = 0;
  const writes = createWritePipeline();
  for (const chunk of chunkItems(portfolioIds, chunkSize)) {
    ctx.signal?.throwIfAborted();
    const write = runIsolatedChunk(chunk, writeChunk, merge, { fence: fenceInvalidatingReadModels(ctx.fence, chunk), signal: ctx.signal })
      .then((result) => {
        results.push(result);
        processed += chunk.length;
        ctx.progress(processed, portfolioIds.length);
      });
    await writes.submit(write);
  }
  await writes.drain();
  return merge(results);
}
