import "server-only";
import { getPool } from "@/lib/db/client";

/** Cheap existence checks for segment layouts, so a missing or foreign resource answers HTTP 404 before streaming. */
export async function isPortfolioOwnedBy(portfolioId: string, userId: string): Promise<boolean> {
  const { rowCount } = await getPool().query(`SELECT 1 FROM portfolios WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`, [portfolioId, userId]);
  return (rowCount ?? 0) > 0;
}

export async function runExists(runId: string): Promise<boolean> {
  const { rowCount } = await getPool().query(`SELECT 1 FROM batch_runs WHERE id = $1`, [runId]);
  return (rowCount ?? 0) > 0;
}

export async function symbolExists(symbol: string): Promise<boolean> {
  const { rowCount } = await getPool().query(`SELECT 1 FROM symbol_universe WHERE symbol = $1`, [symbol.trim().toUpperCase()]);
  return (rowCount ?? 0) > 0;
}
