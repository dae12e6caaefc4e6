import { errorMessage } from "../../base/error-message";
/**
 * Phase 1 — market data (R11, R19). For every symbol to process, fetch only the trading
 * days of [calcDate − 365, calcDate] it is missing; when the provider's history disagrees with what is stored (a
 * split or dividend re-adjustment), refetch the symbol's whole window and replace it. Rows are COPYed or merged in
 * chunks; unknown symbols fail on their own and the batch continues. Each symbol's outcome is recorded: one that
 * fails on 3 consecutive attempted trading days is marked unpriced and leaves the needed symbols.
 */
import pLimit from "p-limit";
import { getMarketDataProvider } from "@/lib/market-data/get-provider";
import { isRequiredEtf } from "@/lib/market-data/etfs";
import { getSimulatedMarket } from "@/lib/market-data/simulated-market";
import type { BarsResult, CorporateEvent, MarketDataProvider } from "@/lib/market-data/types";
import { isTradingDay, tradingDaysBetween } from "@/lib/base/calendar";
import { appendPriceRow, createPriceRows } from "@/lib/db/market-data/price-rows";
import { getOldestStoredDate } from "@/lib/db/market-data/read-market-data-coverage";
import { replaceMarketDataHistory } from "@/lib/db/market-data/write-market-data";
import { upsertCorporateActions, type CorporateActionRow } from "@/lib/db/market-data/upsert-corporate-actions";
import { upsertUniverseSymbols, type UniverseSymbolRow } from "@/lib/db/market-data/upsert-universe-symbols";
import { recordPricingOutcomes, UNPRICED_AFTER_FAILED_DAYS } from "@/lib/db/symbol-pricing";
import { skippedPhase, summarizePhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { resolvePhaseSymbols } from "../../db/symbols-to-process";
import { compareWithStored, validateBars } from "./01-market-data-bars";
import { planMarketDataFetches, type FetchPlan, type MarketDataPlan } from "./01-market-data-plan";
import { MarketDataRowWriter } from "./01-market-data-writer";

export interface MarketDataPhaseOptions {
  provider?: MarketDataProvider;
  /** Provider calls in flight (default 8). */
  concurrency?: number;
}

interface RunState {
  ctx: PhaseContext;
  provider: MarketDataProvider;
  plan: MarketDataPlan;
  tradingDaySet: ReadonlySet<string>;
  writer: MarketDataRowWriter;
  errors: PhaseErrorDetail[];
  fetched: string[];
  refetched: string[];
  actions: CorporateActionRow[];
  rowsRejected: number;
  replacedRows: number;
}

function collectActions(state: RunState, symbol: string, events: readonly CorporateEvent[], days: ReadonlySet<string>): void {
  for (const event of events) {
    if (!days.has(event.date)) continue;
    state.actions.push({ symbol, date: event.date, kind: event.kind, ratio: event.ratio ?? null, amount: event.amount ?? null });
  }
}

/** A usable fetch result (validated bars), or null after recording the symbol as failed. */
function acceptResult(state: RunState, result: BarsResult, symbol: string, days: ReadonlySet<string> = state.tradingDaySet) {
  if (!result.ok) {
    state.errors.push({ type: result.error.kind, message: result.error.message, symbol });
    return null;
  }
  const validated = validateBars(result.bars, days);
  state.rowsRejected += result.rejectedBars + validated.rejected;
  if (validated.bars.length === 0) {
    state.errors.push({ type: "no_data", message: `the provider returned no valid bar for ${symbol}`, symbol });
    return null;
  }
  collectActions(state, symbol, result.events, days);
  return { bars: validated.bars, events: result.events };
}

/** The provider contract says fetchDailyBars never throws; a provider bug still fails only its symbol. */
async function fetchBars(state: RunState, symbol: string, range: { from: string; to: string }): Promise<BarsResult> {
  try {
    return await state.provider.fetchDailyBars(symbol, range, { signal: state.ctx.signal });
  } catch (error) {
    const message = errorMessage(error);
    return { ok: false, symbol, error: { kind: "provider_error", message, attempts: 1 } };
  }
}

/**
 * Refetches the symbol from its oldest stored date (or the window start) to the calc date and replaces everything
 * stored in that range, so no older row keeps a stale adjustment.
 */
async function refetchFullHistory(state: RunState, symbol: string): Promise<boolean> {
  const oldest = await getOldestStoredDate(symbol);
  const range = { from: oldest !== null && oldest < state.plan.window.from ? oldest : state.plan.window.from, to: state.plan.window.to };
  const result = await fetchBars(state, symbol, range);
  const days = range.from === state.plan.window.from ? state.tradingDaySet : new Set(tradingDaysBetween(range.from, range.to));
  const accepted = acceptResult(state, result, symbol, days);
  if (!accepted) return false;
  const rows = createPriceRows();
  for (const bar of accepted.bars) appendPriceRow(rows, symbol, bar);
  const replaced = await replaceMarketDataHistory(symbol, range, rows, state.provider.name);
  state.replacedRows += replaced; // after the await: symbols run concurrently
  state.refetched.push(symbol);
  return true;
}

async function processSymbol(state: RunState, plan: FetchPlan): Promise<void> {
  const range = { from: plan.from, to: state.plan.window.to };
  const result = await fetchBars(state, plan.symbol, range);
  const accepted = acceptResult(state, result, plan.symbol);
  if (!accepted) return;
  if (plan.kind === "full") {
    await state.writer.add("insert", plan.symbol, accepted.bars);
    state.fetched.push(plan.symbol);
    return;
  }
  const overlap = compareWithStored(accepted.bars, state.plan.stored.get(plan.symbol));
  const unverifiedSplit = overlap.compared === 0 && accepted.events.some((event) => event.kind === "split");
  if (overlap.mismatchDate !== null || unverifiedSplit) {
    state.ctx.log("info", `${plan.symbol}: stored history disagrees with the provider${overlap.mismatchDate ? ` on ${overlap.mismatchDate}` : " (split)"}; refetching the full window`);
    if (await refetchFullHistory(state, plan.symbol)) state.fetched.push(plan.symbol);
    return;
  }
  await state.writer.add("upsert", plan.symbol, overlap.newBars);
  state.fetched.push(plan.symbol);
}

function describeSymbol(provider: MarketDataProvider, symbol: string): UniverseSymbolRow {
  const equity = provider.name === "simulated" ? getSimulatedMarket().instrument(symbol)?.equity ?? null : null;
  return { symbol, assetType: isRequiredEtf(symbol) ? "etf" : "equity", sector: equity?.sector ?? null, industry: equity?.industry ?? null };
}

export async function runMarketDataPhase(ctx: PhaseContext, options: MarketDataPhaseOptions = {}): Promise<PhaseSummary> {
  if (!isTradingDay(ctx.calcDate)) return skippedPhase("not a trading day");
  const provider = options.provider ?? getMarketDataProvider(ctx.env ?? process.env);
  const { symbols, excluded } = await resolvePhaseSymbols(ctx.calcDate, ctx.symbols);
  const plan = await planMarketDataFetches(symbols, ctx.calcDate);
  ctx.log("info", `market data ${plan.window.from}..${plan.window.to}: ${plan.plans.length} to fetch, ${plan.cached.length} cached (${plan.mode})`);
  const state: RunState = {
    ctx, provider, plan, tradingDaySet: new Set(plan.tradingDays), writer: new MarketDataRowWriter(provider.name),
    errors: [], fetched: [], refetched: [], actions: [], rowsRejected: 0, replacedRows: 0,
  };
  const limit = pLimit(options.concurrency ?? 8);
  let done = plan.cached.length;
  ctx.progress(done, symbols.length);
  await Promise.all(plan.plans.map((fetchPlan) => limit(async () => {
    await processSymbol(state, fetchPlan);
    ctx.progress((done += 1), symbols.length);
  })));
  const rowsWritten = (await state.writer.close()) + state.replacedRows;
  const corporateActions = await upsertCorporateActions(dedupeActions(state.actions));
  const priced = [...plan.cached, ...state.fetched];
  await upsertUniverseSymbols(priced.map((symbol) => describeSymbol(provider, symbol)), ctx.calcDate);
  const failures = state.errors.flatMap((error) => (error.symbol ? [{ symbol: error.symbol, kind: error.type, message: error.message }] : []));
  const unpricedMarked = await recordPricingOutcomes(ctx.calcDate, failures, priced);
  if (unpricedMarked.length > 0) {
    ctx.log("warn", `unpriced after ${UNPRICED_AFTER_FAILED_DAYS} failed trading days, left out of the needed symbols: ${unpricedMarked.join(", ")}`);
  }
  return summarizePhase({
    itemsTotal: symbols.length,
    itemsDone: state.fetched.length,
    itemsFailed: state.errors.length,
    itemsSkipped: plan.cached.length,
    errors: state.errors,
    result: {
      mode: plan.mode, provider: provider.name, window: plan.window, symbolsRequested: symbols.length,
      fetched: state.fetched.length, cached: plan.cached.length, failed: state.errors.length, excluded: excluded.length,
      rowsWritten, rowsRejected: state.rowsRejected, refetchedSymbols: state.refetched.sort(), corporateActions, unpricedMarked,
    },
  });
}

function dedupeActions(actions: readonly CorporateActionRow[]): CorporateActionRow[] {
  const byKey = new Map<string, CorporateActionRow>();
  for (const action of actions) byKey.set(`${action.symbol}|${action.date}|${action.kind}`, action);
  return [...byKey.values()];
}
