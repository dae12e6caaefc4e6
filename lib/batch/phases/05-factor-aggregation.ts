/**
 * Phase 5 — factor aggregation, symbol → portfolio (domain.md D7, §5.6, §12 B12/B28, §13 Q9/Q10), set-based:
 * snapshots, positions and closes are read once for the date, symbol betas come from the process-wide symbol cache,
 * the math is lib/risk/portfolio-exposures, and each chunk's factor_exposures rows are replaced in one transaction
 * (COPY after DELETE), two chunks in flight at once.
 *
 * E = the equity of the portfolio's complete snapshot on the date (rolled forward by Phase 4). Signed MV =
 * qty × close(date) × multiplier (B12: current prices, also right for a backfilled date), else the stored
 * positions.market_value (refreshed by Phase 4; private assets), else qty × entry price × multiplier.
 */
import { getSymbolCache, type SymbolFactors } from "../../cache/symbol-cache";
import {
  listCompleteSnapshots,
  listExposurePositions,
  loadClosesOnDate,
  loadFactorIds,
  replaceFactorExposures,
  type CoverageRowWrite,
  type ExposurePositionRow,
  type ExposureRowWrite,
} from "../../db/portfolio-exposures-data";
import { PORTFOLIO_CHUNK_SIZE, toScopeParam } from "../../db/portfolio-sql";
import { chunkItems } from "../run-work";
import { computePortfolioExposures, NonPositiveEquityError, type ExposurePositionInput } from "../../risk/portfolio-exposures";
import { roundToCents } from "../../risk/stress-engine-cents";
import { createPublicEquityPredicate, isPrivateSymbol, optionMultiplier } from "../../risk/symbols";
import { summarizePhase, type PhaseContext, type PhaseErrorDetail, type PhaseSummary } from "../phase-types";
import { createWritePipeline } from "../write-pipeline";

/** Chunk write transactions in flight at once (the target machine has 2 cores). */

interface PortfolioExposureRows {
  exposures: ExposureRowWrite[];
  coverage: CoverageRowWrite;
}

export async function runFactorAggregationPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  const { inScope, snapshots } = await listCompleteSnapshots(calcDate, toScopeParam(ctx.portfolioIds));
  const withSnapshot = snapshots.map((row) => row.portfolio_id);
  const skippedNoSnapshot = inScope.length - snapshots.length;
  if (skippedNoSnapshot > 0) ctx.log("info", `${skippedNoSnapshot} portfolio(s) have no complete snapshot on ${calcDate}; skipped`);
  const positions = await listExposurePositions(calcDate, withSnapshot);
  const byPortfolio = new Map<string, ExposurePositionRow[]>();
  const symbols = new Set<string>();
  for (const position of positions) {
    let list = byPortfolio.get(position.portfolio_id);
    if (!list) byPortfolio.set(position.portfolio_id, (list = []));
    list.push(position);
    symbols.add(position.symbol);
  }
  const symbolList = [...symbols];
  const [closes, betas, factorIds] = await Promise.all([
    loadClosesOnDate(calcDate, symbolList),
    getSymbolCache().getFactors(symbolList, calcDate),
    loadFactorIds(),
  ]);
  const isPublicEquity = createPublicEquityPredicate(calcDate);
  const errors: PhaseErrorDetail[] = [];
  const totals = { portfolios: 0, exposureRows: 0, coverageRows: 0, withoutBetas: 0 };
  let processed = 0;
  const writes = createWritePipeline();
  for (const chunk of chunkItems(snapshots, PORTFOLIO_CHUNK_SIZE)) {
    ctx.signal?.throwIfAborted();
    const exposures: ExposureRowWrite[] = [];
    const coverage: CoverageRowWrite[] = [];
    for (const snapshot of chunk) {
      try {
        const rows = computeRows(snapshot.portfolio_id, snapshot.equity_balance, byPortfolio.get(snapshot.portfolio_id) ?? [], { closes, betas, factorIds, isPublicEquity });
        exposures.push(...rows.exposures);
        coverage.push(rows.coverage);
        if (rows.exposures.length === 0) totals.withoutBetas += 1;
      } catch (error) {
        errors.push(
          error instanceof NonPositiveEquityError
            ? { type: "zero_equity", portfolioId: snapshot.portfolio_id, message: error.reason }
            : { type: "calculation_failed", portfolioId: snapshot.portfolio_id, message: errorMessage(error) },
        );
      }
    }
    // Stale rows of every portfolio of the chunk go, including failed ones (no stale exposures feed Phase 6).
    // Chunks hold disjoint portfolios: up to CHUNK_WRITE_CONCURRENCY chunk transactions at once, overlapping the compute.
    const write = replaceFactorExposures(calcDate, chunk.map((s) => s.portfolio_id), exposures, coverage).then((written) => {
      totals.exposureRows += written.exposureRows;
      totals.coverageRows += written.coverageRows;
      totals.portfolios += coverage.length;
      processed += chunk.length;
      ctx.progress(processed, snapshots.length);
    });
    await writes.submit(write);
  }
  await writes.drain();
  return summarizePhase({
    itemsTotal: inScope.length,
    itemsDone: totals.portfolios,
    itemsFailed: errors.length,
    itemsSkipped: skippedNoSnapshot,
    errors,
    result: {
      calcDate,
      exposureRows: totals.exposureRows,
      coverageRows: totals.coverageRows,
      portfoliosWithoutBetas: totals.withoutBetas,
      skippedNoSnapshot,
      symbols: symbolList.length,
    },
  });
}

interface SharedInputs {
  closes: Map<string, number>;
  betas: Map<string, SymbolFactors>;
  factorIds: Map<string, number>;
  /** isPublicEquityPosition at the phase's date, memoised. */
  isPublicEquity: ReturnType<typeof createPublicEquityPredicate>;
}

function computeRows(portfolioId: string, equityUsd: number, rows: ExposurePositionRow[], shared: SharedInputs): PortfolioExposureRows {
  const inputs: ExposurePositionInput[] = rows.map((row) => ({
    symbol: row.symbol,
    signedMarketValueUsd: signedMarketValue(row, shared.closes),
    isPublicEquity: shared.isPublicEquity(
      { symbol: row.symbol, investmentClass: row.investment_class, positionType: row.position_type, exitDate: row.exit_date },
    ),
    isPrivate: row.investment_class?.toUpperCase() === "PRIVATE" || isPrivateSymbol(row.symbol),
  }));
  const result = computePortfolioExposures({ equityUsd, positions: inputs, symbolBetas: shared.betas });
  const exposures: ExposureRowWrite[] = [];
  for (const [name, exposure] of Object.entries(result.exposures)) {
    const factorId = shared.factorIds.get(name);
    if (factorId !== undefined) exposures.push({ portfolioId, factorId, beta: exposure.beta, exposureUsd: exposure.exposureUsd });
  }
  let publicMv = 0;
  let privateMv = 0;
  for (const input of inputs) {
    if (input.isPublicEquity) publicMv += Math.abs(input.signedMarketValueUsd);
    if (input.isPrivate) privateMv += Math.abs(input.signedMarketValueUsd);
  }
  const coverage = result.coverage ?? 0;
  return {
    exposures,
    coverage: {
      portfolioId,
      equityUsd,
      publicMarketValueUsd: roundToCents(publicMv),
      coveredMarketValueUsd: roundToCents(publicMv * coverage),
      privateMarketValueUsd: roundToCents(privateMv),
      coverage,
      privateAllocation: result.privateAllocation,
      publicPositions: result.counts.publicPositions,
      coveredPositions: result.counts.publicPositionsWithBetas,
    },
  };
}

function signedMarketValue(row: ExposurePositionRow, closes: Map<string, number>): number {
  const multiplier = optionMultiplier(row.position_type);
  const isPrivate = row.investment_class?.toUpperCase() === "PRIVATE" || isPrivateSymbol(row.symbol);
  const close = isPrivate ? undefined : closes.get(row.symbol);
  if (close !== undefined) return row.quantity * close * multiplier;
  return row.market_value ?? row.quantity * row.entry_price * multiplier;
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
