/**
 * The batch runs behind the dashboard's reads: between two chunks it lets the event loop breathe and, while the web
 * server has queries running, waits in short steps (at most BATCH_YIELD_MAX_MS per chunk, default 200) so a backfill
 * does not halve the pages' throughput. Without web traffic it costs one small query per chunk.
 */
import { countActiveWebQueries } from "../db/web-activity";

const STEP_MS = 10;

export function batchYieldMaxMs(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.BATCH_YIELD_MAX_MS ?? 200);
  return Number.isFinite(raw) && raw >= 0 ? Math.min(raw, 5_000) : 200;
}

/** Waits while the web server has queries running (at most `maxWaitMs`); returns the milliseconds waited. */
export async function yieldToReads(maxWaitMs = batchYieldMaxMs(), activeWebQueries = countActiveWebQueries): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  if (maxWaitMs === 0) return 0;
  const started = Date.now();
  // Politeness, not correctness: when the activity cannot be read, the batch simply goes on.
  const busy = () => activeWebQueries().then((n) => n > 0, () => false);
  while (Date.now() - started < maxWaitMs && (await busy())) await new Promise((resolve) => setTimeout(resolve, STEP_MS));
  return Date.now() - started;
}
