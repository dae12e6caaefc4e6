/**
 * Small helpers for the set-based portfolio phases (4–6): a transaction wrapper on the raw pg pool, chunking and the
 * optional portfolio-id restriction as a SQL parameter.
 */
import type pg from "pg";
import { getPool } from "./client";

/** Portfolios per write transaction (and per multi-row statement). */
export const PORTFOLIO_CHUNK_SIZE = 2_000;

/** Runs `work` inside BEGIN/COMMIT on one pooled connection; rolls back and rethrows on any error. */
export async function withPortfolioTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function chunkArray<T>(items: readonly T[], size = PORTFOLIO_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** `ctx.portfolioIds` as a `$n::uuid[]` parameter: null means "every portfolio". */
export function toScopeParam(portfolioIds: readonly string[] | undefined): string[] | null {
  return portfolioIds === undefined ? null : [...portfolioIds];
}
