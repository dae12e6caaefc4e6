import { getSymbolCache } from "../../cache/symbol-cache";
import { withTransaction } from "../../db/client";
import { getPricePanelStartDate, loadPricePanel } from "../../db/price-panel";
import {
  countExposureRowsByMethod,
  getFactorIdsByName,
  getProviderBetas,
  isExposureSetComplete,
  registerUniverseSymbols,
  type SymbolFactorExposureRow,
} from "../../db/symbol-factor-exposures";
import { copySymbolFactorExposures, upsertSymbolFactorExposures } from "../../db/write-symbol-factor-exposures";
import { isRequiredEtf } from "../../market-data/etfs";
import { isTradingDay } from "../../base/calendar";
import { computeSymbolFactorTable } from "../../risk/symbol-factors/compute-symbol-factors";
import { isMarketDataSymbol, normalizeSymbol } from "../../base/symbols";
import { skippedPhase, summarizePhase, type PhaseContext, type PhaseSummary } from "../phase-types";
import { getSymbolsToProcess } from "../../db/symbols-to-process";
import { buildComputedRows, buildProviderRows, summarizeFactorOutcomes } from "./03-factors-rows";

export const NO_PROVIDER_BETA_REASON = "no provider beta";

/** ctx.symbols (a chunk or a rerun), else the R19 list; only public tickers ever reach the factor table. */
async function selectSymbols(context: PhaseContext): Promise<{ symbols: string[]; excluded: number }> {
  if (!context.symbols) return { symbols: (await getSymbolsToProcess(context.calcDate)).symbols, excluded: 0 };
  const requested = [...new Set(context.symbols.map(normalizeSymbol))];
  const symbols = requested.filter((symbol) => isMarketDataSymbol(symbol, context.calcDate));
  return { symbols, excluded: requested.length - symbols.length };
}

function checkAborted(context: PhaseContext): void {
  if (context.signal?.aborted) throw new Error(`Phase 3 aborted for ${context.calcDate}`);
}

/**
 * Universe registration and every row in one transaction, so a failed write leaves nothing half-done. Rows of
 * symbols with nothing stored for the date are COPYed; the others (a rerun, a half-written set) are merged.
 */
async function writeFactorRows(
  symbols: readonly string[],
  rows: readonly SymbolFactorExposureRow[],
  calcDate: string,
  stored: ReadonlySet<string>,
): Promise<number> {
  return withTransaction(async (client) => {
    const universe = symbols.map((symbol) => ({ symbol, assetType: isRequiredEtf(symbol) ? ("etf" as const) : ("equity" as const) }));
    await registerUniverseSymbols(universe, calcDate, client);
    const copied = await copySymbolFactorExposures(rows.filter((row) => !stored.has(row.symbol)), client);
    return copied + (await upsertSymbolFactorExposures(rows.filter((row) => stored.has(row.symbol)), client));
  });
}

/**
 * Phase 3 (R12, R13, R25, R19, R34, R23): skip symbols whose factor set for the date is complete, read one
 * price panel, run the pure engine for the four computed families, copy Provider Beta (1Y) from company_profiles,
 * write everything in bulk and refresh the factor cache. Per-symbol failures never abort the phase.
 */
export async function runFactorsPhase(context: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = context;
  if (!isTradingDay(calcDate)) return skippedPhase("not a trading day");
  const { symbols, excluded } = await selectSymbols(context);
  const [counts, providerBetas, factorIds] = await Promise.all([
    countExposureRowsByMethod(calcDate, symbols),
    getProviderBetas(symbols),
    getFactorIdsByName(),
  ]);
  const pending = symbols.filter((symbol) => !isExposureSetComplete(counts.get(symbol), providerBetas.has(symbol)));
  const skippedComplete = symbols.length - pending.length;
  context.log("info", `${calcDate}: ${symbols.length} symbols, ${skippedComplete} already complete, ${pending.length} to compute`);
  checkAborted(context);

  let started = performance.now();
  const panel = pending.length > 0 ? await loadPricePanel(pending, await getPricePanelStartDate(calcDate), calcDate) : null;
  const readMs = Math.round(performance.now() - started);
  checkAborted(context);

  started = performance.now();
  const computed = computeSymbolFactorTable({ panel: panel ?? { dates: [], prices: new Map() }, calcDate, symbols: pending });
  const mathMs = Math.round((performance.now() - started) * 10) / 10;
  const pendingProvider = new Map(pending.filter((symbol) => providerBetas.has(symbol)).map((symbol) => [symbol, providerBetas.get(symbol)!]));
  const rows = [...buildComputedRows(computed, factorIds), ...buildProviderRows(pendingProvider, calcDate, factorIds)];
  const outcomes = summarizeFactorOutcomes(computed, providerBetas);
  checkAborted(context);

  started = performance.now();
  const rowsWritten = await writeFactorRows(symbols, rows, calcDate, new Set(counts.keys()));
  const writeMs = Math.round(performance.now() - started);
  if (rowsWritten > 0) await getSymbolCache().refreshFactors(calcDate, pending);
  context.progress(symbols.length, symbols.length);
  if (outcomes.familyCounts.provider.skipped > 0) {
    context.log("info", `${outcomes.familyCounts.provider.skipped} symbols have no Provider Beta (1Y): ${NO_PROVIDER_BETA_REASON}`);
  }
  context.log("info", `${calcDate}: ${outcomes.done.length} computed, ${outcomes.failed.length} failed, ${rowsWritten} rows in ${readMs}+${mathMs}+${writeMs} ms`);

  return summarizePhase({
    itemsTotal: symbols.length,
    itemsDone: outcomes.done.length,
    itemsFailed: outcomes.failed.length,
    itemsSkipped: skippedComplete,
    errors: outcomes.errors,
    result: {
      rowsWritten,
      symbolsComputed: outcomes.done.length,
      symbolsFailed: outcomes.failed.length,
      symbolsSkippedComplete: skippedComplete,
      symbolsExcluded: excluded,
      familyCounts: outcomes.familyCounts,
      providerSkippedReason: outcomes.familyCounts.provider.skipped > 0 ? NO_PROVIDER_BETA_REASON : null,
      cappedBetas: outcomes.cappedBetas,
      errorCounts: outcomes.errorCounts,
      errorsTruncated: Object.values(outcomes.errorCounts).reduce((sum, n) => sum + n, 0) - outcomes.errors.length,
      panel: panel ? { dates: panel.dates.length, firstDate: panel.dates[0] ?? null, priceRows: panel.rowCount } : null,
      timings: { readMs, mathMs, writeMs },
    },
  });
}
