import { errorMessage } from "../../base/error-message";
/**
 * Phase 0 — daily valuations (R23). Non-fatal: it never throws. Only stale symbols are
 * fetched (no profile, no beta, or older than 24 h), in batches of 100, each with a hard timeout that aborts the
 * provider's requests for real; a missing field never erases a stored value.
 */
import { getMarketDataProvider } from "@/lib/market-data/get-provider";
import { VALUATION_BATCH_SIZE, type MarketDataProvider, type ValuationResult } from "@/lib/market-data/types";
import { listStaleValuationSymbols, upsertValuations, type ValuationRow } from "@/lib/db/company-profiles";
import { skippedPhase, summarizePhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { resolvePhaseSymbols } from "../../db/symbols-to-process";

export const VALUATION_FRESH_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_VALUATION_BATCH_TIMEOUT_MS = 120_000;

export interface ValuationsPhaseOptions {
  provider?: MarketDataProvider;
  /** Per-batch timeout; default YAHOOQUERY_BATCH_TIMEOUT seconds from the env, else 120 s. */
  batchTimeoutMs?: number;
  batchSize?: number;
}

class BatchTimeout extends Error {}

function isEnabled(raw: string | undefined): boolean {
  return /^(true|1|yes)$/i.test(raw?.trim() ?? "");
}

function batchTimeoutMs(env: NodeJS.ProcessEnv, override?: number): number {
  if (override !== undefined) return override;
  const seconds = Number(env.YAHOOQUERY_BATCH_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_VALUATION_BATCH_TIMEOUT_MS;
}

/** Runs one provider batch under a real AbortController; rejects with BatchTimeout even if the provider ignores it. */
async function fetchBatch(
  provider: MarketDataProvider, symbols: string[], timeoutMs: number, outer?: AbortSignal,
): Promise<Map<string, ValuationResult>> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Settle the race first: a provider that answers its abort synchronously must not win it.
      const error = new BatchTimeout(`valuation batch of ${symbols.length} symbols timed out after ${timeoutMs} ms`);
      reject(error);
      controller.abort(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([provider.fetchValuations(symbols, { signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

function toRow(symbol: string, result: ValuationResult | undefined): ValuationRow | PhaseErrorDetail {
  if (!result) return { type: "not_found", message: `no valuation returned for ${symbol}`, symbol };
  if (!result.ok) return { type: result.error.kind, message: result.error.message, symbol };
  const v = result.valuation;
  const row: ValuationRow = {
    symbol, peRatio: v.trailingPE, forwardPe: v.forwardPE, beta: v.beta, week52High: v.fiftyTwoWeekHigh,
    week52Low: v.fiftyTwoWeekLow, marketCap: v.marketCap, dividendYield: v.dividendYield,
  };
  const hasAny = Object.entries(row).some(([key, value]) => key !== "symbol" && value !== null);
  return hasAny ? row : { type: "no_data", message: `every valuation field is missing for ${symbol}`, symbol };
}

export async function runValuationsPhase(ctx: PhaseContext, options: ValuationsPhaseOptions = {}): Promise<PhaseSummary> {
  const env = ctx.env ?? process.env;
  if (isEnabled(env.SKIP_PHASE0_VALUATIONS)) return skippedPhase("SKIP_PHASE0_VALUATIONS=true");
  try {
    return await fetchAndStoreValuations(ctx, env, options);
  } catch (error) {
    const message = errorMessage(error);
    ctx.log("error", `valuations failed: ${message}`);
    return { ...summarizePhase({ itemsTotal: 0, itemsDone: 0, itemsFailed: 0, errors: [{ type: "phase_error", message }] }), status: "failed", reason: message };
  }
}

async function fetchAndStoreValuations(ctx: PhaseContext, env: NodeJS.ProcessEnv, options: ValuationsPhaseOptions): Promise<PhaseSummary> {
  const now = (ctx.now ?? (() => new Date()))();
  const { symbols } = await resolvePhaseSymbols(ctx.calcDate, ctx.symbols);
  const stale = await listStaleValuationSymbols(symbols, new Date(now.getTime() - VALUATION_FRESH_MS));
  const fresh = symbols.length - stale.length;
  if (stale.length === 0) {
    return summarizePhase({ itemsTotal: symbols.length, itemsDone: 0, itemsFailed: 0, itemsSkipped: fresh, result: { synced: symbols.length, created: 0, updated: 0, fresh, batches: 0, timedOutBatches: 0 } });
  }
  const provider = options.provider ?? getMarketDataProvider(env);
  const timeoutMs = batchTimeoutMs(env, options.batchTimeoutMs);
  const batchSize = options.batchSize ?? VALUATION_BATCH_SIZE;
  const errors: PhaseErrorDetail[] = [];
  let created = 0;
  let updated = 0;
  let failed = 0;
  let timedOutBatches = 0;
  let batches = 0;
  for (let start = 0; start < stale.length; start += batchSize) {
    const batch = stale.slice(start, start + batchSize);
    batches += 1;
    try {
      const results = await fetchBatch(provider, batch, timeoutMs, ctx.signal);
      const rows: ValuationRow[] = [];
      for (const symbol of batch) {
        const row = toRow(symbol, results.get(symbol));
        if ("type" in row) errors.push(row);
        else rows.push(row);
      }
      failed += batch.length - rows.length;
      const written = await upsertValuations(rows, now);
      created += written.created;
      updated += written.updated;
    } catch (error) {
      const timedOut = error instanceof BatchTimeout;
      if (timedOut) timedOutBatches += 1;
      failed += batch.length;
      const message = errorMessage(error);
      errors.push({ type: timedOut ? "timeout" : "provider_error", message: `${message} (${batch[0]}…${batch[batch.length - 1]})` });
      ctx.log("warn", `valuations batch ${batches} skipped: ${message}`);
    }
    ctx.progress(Math.min(stale.length, start + batch.length), stale.length);
  }
  return summarizePhase({
    itemsTotal: symbols.length, itemsDone: created + updated, itemsFailed: failed, itemsSkipped: fresh, errors,
    result: { synced: fresh + created + updated, created, updated, fresh, stale: stale.length, batches, timedOutBatches },
  });
}
