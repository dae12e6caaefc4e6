import { getPool } from "../db/client";
import { pendingMigrations } from "../db/migrate";
import { getSymbolCache } from "../cache/symbol-cache";

export type Readiness =
  | { status: "ready"; cache: ReturnType<ReturnType<typeof getSymbolCache>["stats"]> }
  | { status: "unavailable" | "initializing"; reason: string; message: string };

/**
 * §6.3 readiness: the database answers, every migration is applied and the symbol cache is warm (or its cold-start
 * grace has passed, in which case traffic is served with DB fallback).
 */
export async function getReadiness(): Promise<Readiness> {
  let pending: string[];
  try {
    const pool = getPool();
    await pool.query("SELECT 1");
    pending = await pendingMigrations(pool);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "unavailable", reason: "database", message: `Database is not reachable: ${reason}` };
  }
  if (pending.length > 0) {
    return { status: "unavailable", reason: "migrations", message: `Migrations not applied: ${pending.join(", ")}` };
  }
  const cache = getSymbolCache();
  if (!cache.isReady()) {
    cache.ensureWarm();
    return { status: "initializing", reason: "cache", message: "Cache warming up, traffic will be served with DB fallback" };
  }
  return { status: "ready", cache: cache.stats() };
}
