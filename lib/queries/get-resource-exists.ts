import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/base/uuid";

/**
 * Cheap existence checks for segment layouts, so a missing or foreign resource answers HTTP 404 before streaming.
 * They are a nicety for the status code, not the guard: the pages' read models check again.
 */
export async function runExists(viewer: Viewer, runId: string): Promise<boolean> {
  assertAdmin(viewer);
  if (!isUuid(runId)) return false;
  const { rowCount } = await getPool().query(`SELECT 1 FROM batch_runs WHERE id = $1`, [runId]);
  return (rowCount ?? 0) > 0;
}

export async function symbolExists(viewer: Viewer, symbol: string): Promise<boolean> {
  assertAdmin(viewer);
  const { rowCount } = await getPool().query(`SELECT 1 FROM symbol_universe WHERE symbol = $1`, [symbol.trim().toUpperCase()]);
  return (rowCount ?? 0) > 0;
}
