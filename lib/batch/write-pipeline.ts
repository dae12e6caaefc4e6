import { yieldToReads } from "./yield-to-reads";

/** Chunk transactions of the portfolio phases that may run at once (disjoint portfolios, 2 cores). */
export const CHUNK_WRITE_CONCURRENCY = 2;

/** Chunks a Phase 6 call is cut into at least, so computing one chunk overlaps writing the ones before it. */
export const MIN_PIPELINED_CHUNKS = 4;
/**
 * Phase 5: each chunk also fingerprints the date's closes (a cost per chunk, not per portfolio), so fewer. Phase 4
 * keeps one chunk a step: its chunks read and fingerprint closes over a range of days, and halving them measured no gain.
 */
export const MIN_PIPELINED_CHUNKS_WITH_SYMBOL_READS = 2;
/** Below this many portfolios a chunk's fixed statements cost more than the overlap gains. */
export const MIN_PIPELINED_CHUNK_SIZE = 100;

/**
 * The chunk size of a portfolio phase over `itemCount` portfolios: `maxChunkSize`, but small enough that the call
 * has at least `minChunks` chunks. A nightly step hands a phase one step's portfolios (as many as one chunk), and one
 * chunk a call ran compute, then write, then the next step's compute: Node and PostgreSQL took turns on the two
 * cores instead of working at once.
 */
export function pipelinedChunkSize(itemCount: number, maxChunkSize: number, minChunks = MIN_PIPELINED_CHUNKS): number {
  const overlapping = Math.max(MIN_PIPELINED_CHUNK_SIZE, Math.ceil(itemCount / minChunks));
  return Math.max(1, Math.min(maxChunkSize, overlapping));
}

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
