import { getPool } from "../db/client";
import { pendingMigrations } from "../db/migrate";
import { getSymbolCache, type SymbolCacheStats } from "../cache/symbol-cache";

/** Why the server is not ready; the only detail a health endpoint gives, so no driver text, host or user leaks out. */
export type NotReadyReason = "database_unreachable" | "migrations_pending" | "cache_warming";

/** Cache counters fit for anyone to read: whether warm-up failed, not the driver's error text. */
export type PublicCacheStats = Omit<SymbolCacheStats, "initError"> & { initFailed: boolean };

export function publicCacheStats(stats: SymbolCacheStats): PublicCacheStats {
  const { initError, ...rest } = stats;
  return { ...rest, initFailed: initError !== null };
}

export type Readiness =
  | { status: "ready"; cache: PublicCacheStats }
  | { status: "unavailable" | "initializing"; reason: NotReadyReason; message: string };

const MESSAGES: Record<NotReadyReason, string> = {
  database_unreachable: "The database is not reachable.",
  migrations_pending: "The database schema is not up to date; run `factorwatch db migrate`.",
  cache_warming: "The symbol cache is warming up.",
};

/**
 * Ready when the database answers, every migration is applied and the symbol cache is warm (or its cold-start grace
 * has passed, after which traffic is served with the database fallback). The driver's own error goes to the log only.
 */
export async function getReadiness(): Promise<Readiness> {
  let pending: string[];
  try {
    pending = await withTimeout(pendingMigrations(getPool()), DATABASE_CHECK_TIMEOUT_MS);
  } catch (error) {
    console.error("readiness: database check failed:", error instanceof Error ? error.message : error);
    return notReady("unavailable", "database_unreachable");
  }
  if (pending.length > 0) return notReady("unavailable", "migrations_pending");
  const cache = getSymbolCache();
  if (!cache.isReady()) {
    void cache.ensureWarm();
    return notReady("initializing", "cache_warming");
  }
  return { status: "ready", cache: publicCacheStats(cache.stats()) };
}

/** A database that does not answer within this time is unreachable as far as health is concerned. */
const DATABASE_CHECK_TIMEOUT_MS = 5000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function notReady(status: "unavailable" | "initializing", reason: NotReadyReason): Readiness {
  return { status, reason, message: MESSAGES[reason] };
}
