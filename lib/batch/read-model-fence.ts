/**
 * The portfolio phases' fence, extended: inside each chunk's write transaction, just before it commits, the chunk's
 * portfolios' stored read models (and the admin views over all portfolios) get a new generation. Committing the two
 * together means a page can never store an answer computed from the rows this transaction replaces.
 */
import type pg from "pg";
import { invalidatePortfolioReadModels } from "../db/read-models";

type Fence = ((db: pg.PoolClient) => Promise<void>) | undefined;

export function fenceInvalidatingReadModels(fence: Fence, portfolioIds: readonly string[]): (db: pg.PoolClient) => Promise<void> {
  return async (db) => {
    await fence?.(db);
    await invalidatePortfolioReadModels(portfolioIds, db);
  };
}
