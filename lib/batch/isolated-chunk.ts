import { errorMessage } from "../base/error-message";
/**
 * One portfolio's failure is its own: a chunk of portfolios is written in one transaction (fast), and when that
 * transaction fails, each portfolio is retried in a transaction of its own, so a failing portfolio never rolls back
 * another's snapshot, exposures or stress rows. A lost lease or an abort is not a portfolio's failure: it stops the
 * chunk. The caller's fence runs last inside every transaction.
 */
import type pg from "pg";
import { LeaseLostError } from "../db/batch-runs";
import { withTransaction } from "../db/client";

export interface ChunkResult {
  /** Portfolios fully written. */
  done: string[];
  failed: { portfolioId: string; type: string; message: string }[];
}

type Fence = ((db: pg.PoolClient) => Promise<void>) | undefined;

function isStop(error: unknown, signal: AbortSignal | undefined): boolean {
  return error instanceof LeaseLostError || signal?.aborted === true;
}

/** The sentence a portfolio fails with when its own transaction failed. */
export function describeWriteError(error: unknown): { type: string; message: string } {
  const code = (error as { code?: string }).code;
  if (code === "22003") return { type: "value_out_of_range", message: "value out of range: a numeric column (numeric field overflow)" };
  return { type: "write_failed", message: errorMessage(error).slice(0, 500) };
}

export async function runIsolatedChunk<R extends ChunkResult>(
  portfolioIds: readonly string[],
  work: (db: pg.PoolClient, ids: readonly string[]) => Promise<R>,
  merge: (results: R[]) => R,
  options: { fence?: Fence; signal?: AbortSignal },
): Promise<R> {
  const attempt = (ids: readonly string[]) => withTransaction(async (db) => {
    const result = await work(db, ids);
    await options.fence?.(db);
    return result;
  });
  try {
    return await attempt(portfolioIds);
  } catch (error) {
    if (isStop(error, options.signal) || portfolioIds.length === 0) throw error;
    const results: R[] = [];
    for (const id of portfolioIds) {
      options.signal?.throwIfAborted();
      try {
        results.push(await attempt([id]));
      } catch (single) {
        if (isStop(single, options.signal)) throw single;
        results.push({ ...merge([]), done: [], failed: [{ portfolioId: id, ...describeWriteError(single) }] });
      }
    }
    return merge(results);
  }
}
