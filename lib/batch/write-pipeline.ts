import { yieldToReads } from "./yield-to-reads";

/** Chunk transactions of the portfolio phases that may run at once (disjoint portfolios, 2 cores). */
export const CHUNK_WRITE_CONCURRENCY = 2;

/**
 * Overlaps computing the next chunk with writing the previous ones: `submit` returns once fewer than `limit` writes
 * are in flight; `drain` waits for the rest. The first failed write rejects `submit` or `drain`.
 */
export function createWritePipeline(limit = CHUNK_WRITE_CONCURRENCY) {
  const inFlight: Promise<void>[] = [];
  return {
    async submit(write: Promise<void>): Promise<void> {
      write.catch(() => undefined); // awaited by submit/drain; this only stops an early rejection counting as unhandled
      inFlight.push(write);
      await yieldToReads(); // before the next chunk is computed, the dashboard's reads go first
      if (inFlight.length >= limit) await inFlight.shift();
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight.splice(0));
    },
  };
}
