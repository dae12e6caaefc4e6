/**
 * Phase 4 — P&L and snapshots (domain.md §5.3, D8, D16, §12 B10–B13, B20), set-based: each input table is read
 * once for every portfolio of the date, the math is the pure lib/risk/portfolio-pnl module, and the writes are
 * multi-row statements (positions by COPY) in one transaction per chunk of portfolios, two chunks in flight at once.
 * Positions whose stored last price, market value and unrealized P&L already hold the new values are not rewritten.
 *
 * Crash safety: the (portfolio, date) slots are claimed with incomplete placeholders in their own commit; the fill
 * (values + is_complete = true + position refresh + current equity) is one transaction per chunk. A run killed in
 * between leaves placeholders, which the next run deletes and recomputes; complete snapshots are never touched.
 */
import { getSymbolCache } from "../../cache/symbol-cache";
import {
  claimSnapshotSlots,
  listActivePositions,
  listPnlPortfolioStates,
  loadPnlCloses,
  loadProviderBetas,
  sumRealizedAndFlows,
  writePnlChunk,
  type PnlPortfolioState,
  type PnlPositionRow,
  type PositionRefresh,
  type SnapshotValues,
} from "../../db/portfolio-pnl-data";
import { PORTFOLIO_CHUNK_SIZE, toScopeParam } from "../../db/portfolio-sql";
import { chunkItems } from "../run-work";
import { isTradingDay, previousTradingDay } from "../../risk/calendar";
import { MARKET_BETA_FACTOR } from "../../risk/factor-definitions";
import { computePortfolioPnl, type PortfolioPnlResult, type PnlPositionInput } from "../../risk/portfolio-pnl";
import { createPublicEquityPredicate, isPrivateSymbol, optionMultiplier } from "../../risk/symbols";
import { summarizePhase, skippedPhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { createWritePipeline } from "../write-pipeline";

/** Chunk write transactions in flight at once (the target machine has 2 cores). */

interface PnlInputs {
  positionsByPortfolio: Map<string, PnlPositionRow[]>;
  realized: Map<string, number>;
  flows: Map<string, number>;
  closesOnDate: Map<string, number>;
  previousCloses: Map<string, number>;
  marketBetas: Map<string, number>;
  providerBetas: Map<string, number>;
  /** isPublicEquityPosition at the phase's date, memoised. */
  isPublicEquity: ReturnType<typeof createPublicEquityPredicate>;
}

interface PortfolioOutcome {
  snapshot: SnapshotValues;
  positions: PositionRefresh[];
  unpriced: number;
}

export async function runPnlPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  if (!isTradingDay(calcDate)) return skippedPhase("not a trading day", { calcDate });
  const states = await listPnlPortfolioStates(calcDate, toScopeParam(ctx.portfolioIds));
  const alreadyComplete = states.filter((state) => state.todayComplete === true).length;
  const pending = states.filter((state) => state.todayComplete !== true);
  if (pending.length === 0) {
    return summarizePhase({ itemsTotal: states.length, itemsDone: 0, itemsFailed: 0, itemsSkipped: alreadyComplete, result: { calcDate, snapshotsCreated: 0, alreadyComplete } });
  }
  const { claimed, repaired } = await claimSnapshotSlots(calcDate, pending.map((state) => state.id));
  const claimedSet = new Set(claimed);
  const todo = pending.filter((state) => claimedSet.has(state.id));
  const inputs = await loadPnlInputs(calcDate, todo.map((state) => state.id));
  const errors: PhaseErrorDetail[] = [];
  const totals = { snapshots: 0, positions: 0, equities: 0, unpriced: 0, nonPositiveEquity: 0 };
  let processed = 0;
  const writes = createWritePipeline();
  for (const chunk of chunkItems(todo, PORTFOLIO_CHUNK_SIZE)) {
    ctx.signal?.throwIfAborted();
    const snapshots: SnapshotValues[] = [];
    const positions: PositionRefresh[] = [];
    const currentEquity: { portfolioId: string; equity: number }[] = [];
    const failedPortfolioIds: string[] = [];
    for (const state of chunk) {
      try {
        const outcome = computeOutcome(calcDate, state, inputs);
        snapshots.push(outcome.snapshot);
        totals.unpriced += outcome.unpriced;
        if (!(outcome.snapshot.equity > 0)) totals.nonPositiveEquity += 1;
        // D8/B11: a backfill of an older date never moves today's position values or current equity.
        if (!state.hasLaterComplete) {
          positions.push(...outcome.positions);
          if (state.currentEquityDate === null || state.currentEquityDate <= calcDate) {
            currentEquity.push({ portfolioId: state.id, equity: outcome.snapshot.equity });
          }
        }
      } catch (error) {
        failedPortfolioIds.push(state.id);
        errors.push({ type: "calculation_failed", portfolioId: state.id, message: errorMessage(error) });
      }
    }
    // Chunks hold disjoint portfolios (and so disjoint snapshot, position and portfolio rows): up to
    // CHUNK_WRITE_CONCURRENCY chunk transactions run at once, overlapping with the next chunk's compute.
    const write = writePnlChunk({ calcDate, snapshots, failedPortfolioIds, positions, currentEquity }).then((written) => {
      totals.snapshots += written.snapshots;
      totals.positions += written.positions;
      totals.equities += written.equities;
      processed += chunk.length;
      ctx.progress(processed, todo.length);
    });
    await writes.submit(write);
  }
  await writes.drain();
  if (totals.nonPositiveEquity > 0) ctx.log("warn", `${totals.nonPositiveEquity} portfolio(s) have zero or negative equity on ${calcDate}`);
  if (totals.unpriced > 0) ctx.log("warn", `${totals.unpriced} active public position(s) have no close on or before ${calcDate}`);
  return summarizePhase({
    itemsTotal: states.length,
    itemsDone: totals.snapshots,
    itemsFailed: errors.length,
    itemsSkipped: alreadyComplete + (pending.length - todo.length),
    errors,
    result: {
      calcDate,
      snapshotsCreated: totals.snapshots,
      alreadyComplete,
      repairedPlaceholders: repaired,
      positionsRefreshed: totals.positions,
      currentEquityUpdated: totals.equities,
      unpricedPositions: totals.unpriced,
      nonPositiveEquity: totals.nonPositiveEquity,
    },
  });
}

async function loadPnlInputs(calcDate: string, portfolioIds: string[]): Promise<PnlInputs> {
  const [positions, sums] = await Promise.all([
    listActivePositions(calcDate, portfolioIds),
    sumRealizedAndFlows(calcDate, portfolioIds),
  ]);
  const positionsByPortfolio = new Map<string, PnlPositionRow[]>();
  const symbols = new Set<string>();
  for (const position of positions) {
    let list = positionsByPortfolio.get(position.portfolio_id);
    if (!list) positionsByPortfolio.set(position.portfolio_id, (list = []));
    list.push(position);
    symbols.add(position.symbol);
  }
  const symbolList = [...symbols];
  const [closes, factors, providerBetas] = await Promise.all([
    loadPnlCloses(calcDate, previousTradingDay(calcDate), symbolList),
    getSymbolCache().getFactors(symbolList, calcDate),
    loadProviderBetas(symbolList),
  ]);
  const marketBetas = new Map<string, number>();
  for (const [symbol, betas] of factors) {
    const beta = betas[MARKET_BETA_FACTOR];
    if (beta !== undefined) marketBetas.set(symbol, beta);
  }
  return {
    positionsByPortfolio,
    realized: sums.realized,
    flows: sums.flows,
    closesOnDate: closes.onDate,
    previousCloses: closes.previous,
    marketBetas,
    providerBetas,
    isPublicEquity: createPublicEquityPredicate(calcDate),
  };
}

function computeOutcome(calcDate: string, state: PnlPortfolioState, inputs: PnlInputs): PortfolioOutcome {
  const rows = inputs.positionsByPortfolio.get(state.id) ?? [];
  const pnlPositions = rows.map(toPnlPosition);
  const result = computePortfolioPnl({
    date: calcDate,
    previousEquityUsd: state.previous?.equity ?? state.startingEquity,
    previousSnapshot: state.previous && {
      cumulativePnlUsd: state.previous.cumulativePnl,
      cumulativeRealizedPnlUsd: state.previous.cumulativeRealizedPnl,
      cumulativeCapitalFlowUsd: state.previous.cumulativeCapitalFlow,
    },
    positions: pnlPositions,
    closesOnDate: inputs.closesOnDate,
    previousCloses: inputs.previousCloses,
    realizedPnlUsd: inputs.realized.get(state.id) ?? 0,
    capitalFlowUsd: inputs.flows.get(state.id) ?? 0,
    marketBetas: inputs.marketBetas,
  });
  assertFiniteResult(result);
  const isPrivate = new Set(pnlPositions.filter((p) => p.investmentClass === "PRIVATE").map((p) => p.id));
  const stored = new Map(rows.map((row) => [row.id, row]));
  return {
    snapshot: toSnapshot(state.id, result, computeProviderBeta(rows, result, inputs.providerBetas, inputs.isPublicEquity)),
    positions: result.positions.flatMap((v) =>
      isPrivate.has(v.positionId) || v.lastPrice === null || v.marketValue === null || v.unrealizedPnl === null ||
      isUnchanged(stored.get(v.positionId), v.lastPrice, v.marketValue, v.unrealizedPnl)
        ? []
        : [{ positionId: v.positionId, lastPrice: v.lastPrice, marketValue: v.marketValue, unrealizedPnl: v.unrealizedPnl }],
    ),
    unpriced: result.unpricedPositionIds.length,
  };
}

/** The stored refresh values already equal the new ones at the columns' scales (price 4 dp, money 2 dp): no write. */
function isUnchanged(row: PnlPositionRow | undefined, lastPrice: number, marketValue: number, unrealizedPnl: number): boolean {
  if (!row || row.last_price === null || row.market_value === null || row.unrealized_pnl === null) return false;
  return (
    Math.round(row.last_price * 1e4) === Math.round(lastPrice * 1e4) &&
    Math.round(row.market_value * 100) === Math.round(marketValue * 100) &&
    Math.round(row.unrealized_pnl * 100) === Math.round(unrealizedPnl * 100)
  );
}

/** Private-shaped symbols (lib/risk/symbols isPrivateSymbol) are private whatever their class says. */
function toPnlPosition(row: PnlPositionRow): PnlPositionInput {
  return {
    id: row.id,
    symbol: row.symbol,
    quantity: row.quantity,
    positionType: row.position_type,
    investmentClass: isPrivateSymbol(row.symbol) ? "PRIVATE" : row.investment_class,
    entryDate: row.entry_date,
    exitDate: row.exit_date,
    deleted: false,
    marketValueUsd: row.market_value,
    entryPrice: row.entry_price,
  };
}

/** Provider Beta (1Y): Σ signed MV × company_profiles.beta / E over public equity positions that have a beta. */
function computeProviderBeta(
  rows: PnlPositionRow[],
  result: PortfolioPnlResult,
  betas: Map<string, number>,
  isPublicEquity: PnlInputs["isPublicEquity"],
): number | null {
  if (!(result.newEquity > 0)) return null;
  const marketValues = new Map(result.positions.map((v) => [v.positionId, v.marketValue]));
  let weighted = 0;
  let found = false;
  for (const row of rows) {
    const beta = betas.get(row.symbol);
    const marketValue = marketValues.get(row.id);
    if (beta === undefined || marketValue === null || marketValue === undefined) continue;
    const publicEquity = isPublicEquity(
      { symbol: row.symbol, investmentClass: row.investment_class, positionType: row.position_type, exitDate: row.exit_date },
    );
    if (!publicEquity || optionMultiplier(row.position_type) !== 1) continue;
    weighted += marketValue * beta;
    found = true;
  }
  return found ? weighted / result.newEquity : null;
}

function toSnapshot(portfolioId: string, r: PortfolioPnlResult, betaProvider: number | null): SnapshotValues {
  return {
    portfolioId,
    equity: r.newEquity,
    cash: r.cash,
    longValue: r.longValue,
    shortValue: r.shortValue,
    gross: r.grossExposure,
    net: r.netExposure,
    dailyPnl: r.dailyPnl,
    dailyReturn: r.dailyReturn,
    cumulativePnl: r.cumulativePnl,
    dailyRealized: r.dailyRealizedPnl,
    cumulativeRealized: r.cumulativeRealizedPnl,
    dailyFlow: r.dailyCapitalFlow,
    cumulativeFlow: r.cumulativeCapitalFlow,
    numPositions: r.numPositions,
    numLong: r.numLong,
    numShort: r.numShort,
    beta90d: r.marketBeta90d,
    betaProvider,
    hhi: r.hhi,
    effectiveN: r.effectiveNumPositions,
    top3: r.top3,
    top10: r.top10,
  };
}

function assertFiniteResult(result: PortfolioPnlResult): void {
  const figures = [result.newEquity, result.dailyPnl, result.longValue, result.shortValue, result.dailyReturn];
  if (figures.some((value) => !Number.isFinite(value))) {
    throw new Error(`non-finite P&L figures (equity ${result.newEquity}, daily P&L ${result.dailyPnl})`);
  }
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
