import { groupByPortfolio } from "../../base/group-by-portfolio";
import { errorMessage } from "../../base/error-message";
/**
 * Phase 4 for one chunk of portfolios, inside one transaction that first locks their rows. Per portfolio the chain
 * segment to (re)compute runs from the first trading day without a complete snapshot (a hole before the date) or the
 * date itself, up to the later of the date and the latest complete snapshot (a restatement), oldest first. A day
 * whose symbol data is missing blocks the portfolio (`waiting for <date>`) and nothing is written for it; a value a
 * column cannot hold fails the portfolio alone (`value out of range: <column>`).
 */
import type pg from "pg";
import { getSymbolCache } from "../../cache/symbol-cache";
import { getPool } from "../../db/client";
import { findOutOfRangeColumn, valueOutOfRange } from "../../db/column-limits";
import { listCompleteSnapshotDates, lockPortfolios, readChainStates, readSnapshotTotals, type ChainState } from "../../db/portfolio-ledger";
import { listLedgerPositions, listRealizedAndFlows, loadSymbolDataFacts } from "../../db/portfolio-pnl-inputs";
import { refreshPositions, updateCurrentEquity, upsertSnapshots, type PositionRefresh, type SnapshotValues } from "../../db/portfolio-pnl-writes";
import { REQUIRED_ETFS } from "../../market-data/etfs";
import { isTradingDay, nextTradingDay, previousTradingDay, tradingDaysBetween } from "../../base/calendar";
import { foldEquityChain, type ChainStart } from "../../risk/equity-chain";
import { publicEquityPredicateOn, type PublicEquityPredicate } from "../remembered-per-day";
import type { ChunkResult } from "../isolated-chunk";
import type { RefreshMode } from "../phase-types";
import { LedgerDays } from "./04-pnl-days";
import { computeProviderBeta, positionRefreshes, snapshotColumns, toSnapshot } from "./04-pnl-snapshot";
import { loadSymbolInputs } from "../shared-symbol-inputs";

export interface PnlChunkResult extends ChunkResult {
  /** Fill mode: already complete on the date. */
  skipped: string[];
  inScope: number;
  snapshots: number;
  /** Snapshots after the date that were recomputed. */
  restated: number;
  /** Snapshots before the date that filled a hole of the chain. */
  holesFilled: number;
  positions: number;
  unpriced: number;
  nonPositiveEquity: number;
}

export function emptyPnlChunkResult(): PnlChunkResult {
  return { done: [], failed: [], skipped: [], inScope: 0, snapshots: 0, restated: 0, holesFilled: 0, positions: 0, unpriced: 0, nonPositiveEquity: 0 };
}

export function mergePnlChunkResults(results: PnlChunkResult[]): PnlChunkResult {
  const merged = emptyPnlChunkResult();
  for (const r of results) {
    merged.done.push(...r.done);
    merged.failed.push(...r.failed);
    merged.skipped.push(...r.skipped);
    for (const key of ["inScope", "snapshots", "restated", "holesFilled", "positions", "unpriced", "nonPositiveEquity"] as const) merged[key] += r[key];
  }
  return merged;
}

interface Segment {
  state: ChainState;
  chainStart: string;
  days: string[];
}

const firstTradingDayOnOrAfter = (date: string) => (isTradingDay(date) ? date : nextTradingDay(date));

/** The days to (re)compute for one portfolio, oldest first. */
async function planSegment(db: pg.PoolClient, calcDate: string, state: ChainState): Promise<Segment> {
  const chainStart = firstTradingDayOnOrAfter(state.inceptionDate);
  let start = calcDate;
  if (chainStart < calcDate) {
    const before = tradingDaysBetween(chainStart, previousTradingDay(calcDate));
    if (state.completeBefore < before.length) {
      const complete = new Set(await listCompleteSnapshotDates(db, state.id, calcDate));
      start = before.find((day) => !complete.has(day)) ?? calcDate;
    }
  }
  const end = state.latestComplete !== null && state.latestComplete > calcDate ? state.latestComplete : calcDate;
  return { state, chainStart, days: tradingDaysBetween(start, end) };
}

/**
 * The inputs of the chunk's segments. Read on other pooled connections (in parallel): the chunk's portfolios are
 * locked by its transaction, so no other writer changes their rows meanwhile.
 */
async function loadInputs(segments: Segment[]) {
  const db = getPool();
  const ids = segments.map((segment) => segment.state.id);
  const allDays = [...new Set(segments.flatMap((segment) => segment.days))].sort();
  const first = allDays[0];
  const last = allDays[allDays.length - 1];
  const positionRows = await listLedgerPositions(db, ids, first, last);
  const positions = groupByPortfolio(positionRows, (row) => row.portfolio_id);
  const symbols = [...new Set(positionRows.map((row) => row.symbol))];
  const cache = getSymbolCache();
  const [amounts, { closes, providerBetas }, facts, betas] = await Promise.all([
    listRealizedAndFlows(db, ids, previousTradingDay(first), last),
    loadSymbolInputs(db, symbols, previousTradingDay(first), last),
    loadSymbolDataFacts(db, allDays, REQUIRED_ETFS),
    Promise.all(allDays.map(async (day) => [day, await cache.getFactors(symbols, day)] as const)),
  ]);
  const days = new LedgerDays({ positions, closes, realized: amounts.realized, flows: amounts.flows, betasByDate: new Map(betas), facts });
  return { days, providerBetas };
}

interface PortfolioOutcome {
  snapshots: SnapshotValues[];
  positions: PositionRefresh[];
  unpriced: number;
}

function computeSegment(segment: Segment, start: ChainStart, days: LedgerDays, providerBetas: Map<string, number>, isPublicEquityOn: (day: string) => PublicEquityPredicate): PortfolioOutcome {
  const id = segment.state.id;
  const results = foldEquityChain(start, segment.days.map((day) => days.dayInput(id, day)));
  const rows = days.positionsOf(id);
  const snapshots = results.map((result, index) => {
    const day = segment.days[index];
    const snapshot = toSnapshot(id, day, result, computeProviderBeta(rows, result, providerBetas, isPublicEquityOn(day)));
    for (const value of [result.newEquity, result.dailyPnl, result.longValue, result.shortValue, result.dailyReturn]) {
      if (!Number.isFinite(value)) throw new Error(`non-finite P&L figures on ${day} (equity ${result.newEquity}, daily P&L ${result.dailyPnl})`);
    }
    return snapshot;
  });
  const latest = results[results.length - 1];
  return { snapshots, positions: positionRefreshes(rows, latest), unpriced: latest.unpricedPositionIds.length };
}

/** The first column that cannot hold one of the portfolio's values, or null. */
function outOfRange(outcome: PortfolioOutcome): string | null {
  for (const snapshot of outcome.snapshots) {
    const column = findOutOfRangeColumn("portfolio_snapshots", snapshotColumns(snapshot));
    if (column) return column;
  }
  for (const p of outcome.positions) {
    const column = findOutOfRangeColumn("positions", { last_price: p.lastPrice, market_value: p.marketValue, unrealized_pnl: p.unrealizedPnl });
    if (column) return column;
  }
  return null;
}

export async function writePnlChunk(db: pg.PoolClient, portfolioIds: readonly string[], calcDate: string, mode: RefreshMode): Promise<PnlChunkResult> {
  const result = emptyPnlChunkResult();
  await lockPortfolios(db, portfolioIds);
  const states = await readChainStates(db, calcDate, portfolioIds);
  result.inScope = states.length;
  const segments: Segment[] = [];
  for (const state of states) {
    if (mode === "fill" && state.todayComplete === true) result.skipped.push(state.id);
    else segments.push(await planSegment(db, calcDate, state));
  }
  if (segments.length === 0) return result;
  const { days, providerBetas } = await loadInputs(segments);
  const starts = await readSnapshotTotals(getPool(), segments
    .filter((segment) => segment.days[0] > segment.chainStart)
    .map((segment) => ({ portfolioId: segment.state.id, date: previousTradingDay(segment.days[0]) })));
  const snapshots: SnapshotValues[] = [];
  const refreshes: PositionRefresh[] = [];
  for (const segment of segments) {
    const id = segment.state.id;
    const waiting = segment.days.find((day) => !days.hasSymbolData(id, day));
    if (waiting) {
      result.failed.push({ portfolioId: id, type: "blocked", message: `waiting for ${waiting}` });
      continue;
    }
    const first = segment.days[0];
    let start: ChainStart;
    if (first === segment.chainStart) start = { equityUsd: segment.state.startingEquity, totals: null };
    else {
      const previous = starts.get(`${id}|${previousTradingDay(first)}`);
      if (!previous) {
        result.failed.push({ portfolioId: id, type: "calculation_failed", message: `no complete snapshot on ${previousTradingDay(first)} to continue from` });
        continue;
      }
      start = { equityUsd: previous.equity, totals: { cumulativePnlUsd: previous.cumulativePnl, cumulativeRealizedPnlUsd: previous.cumulativeRealizedPnl, cumulativeCapitalFlowUsd: previous.cumulativeCapitalFlow } };
    }
    let outcome: PortfolioOutcome;
    try {
      outcome = computeSegment(segment, start, days, providerBetas, publicEquityPredicateOn);
    } catch (error) {
      result.failed.push({ portfolioId: id, type: "calculation_failed", message: errorMessage(error).slice(0, 500) });
      continue;
    }
    const column = outOfRange(outcome);
    if (column) {
      result.failed.push({ portfolioId: id, type: "value_out_of_range", message: valueOutOfRange(column) });
      continue;
    }
    snapshots.push(...outcome.snapshots);
    refreshes.push(...outcome.positions);
    result.done.push(id);
    result.unpriced += outcome.unpriced;
    result.restated += segment.days.filter((day) => day > calcDate).length;
    result.holesFilled += segment.days.filter((day) => day < calcDate).length;
    if (!(outcome.snapshots[outcome.snapshots.length - 1].equity > 0)) result.nonPositiveEquity += 1;
  }
  result.snapshots = await upsertSnapshots(db, snapshots);
  result.positions = await refreshPositions(db, refreshes, result.done);
  await updateCurrentEquity(db, result.done);
  return result;
}
