/**
 * Phase 4 — P&L and snapshots: the equity chain of every portfolio in scope, folded over NYSE trading days from its
 * inception (lib/risk/equity-chain). For the date it fills the holes before it (or reports the day it waits for),
 * writes the date, and restates every later snapshot, so any order of runs gives the sequential answer. Chunks of
 * portfolios are written in one transaction each (two in flight), after locking their rows; a chunk whose
 * transaction fails is retried portfolio by portfolio, so one bad portfolio fails alone.
 */
import { listActivePortfolioIds } from "../../db/active-portfolios";
import { PORTFOLIO_CHUNK_SIZE } from "../portfolio-chunk-size";
import { isTradingDay } from "../../base/calendar";
import { skippedPhase, summarizePhase, type PhaseContext, type PhaseSummary } from "../phase-types";
import { runPortfolioChunks } from "../portfolio-chunks";
import { mergePnlChunkResults, writePnlChunk } from "./04-pnl-chunk";

export async function runPnlPhase(ctx: PhaseContext): Promise<PhaseSummary> {
  const { calcDate } = ctx;
  if (!isTradingDay(calcDate)) return skippedPhase("not a trading day", { calcDate });
  const mode = ctx.mode ?? "recompute";
  const ids = ctx.portfolioIds ? [...ctx.portfolioIds] : await listActivePortfolioIds(calcDate);
  const chunkSize = ctx.chunkSize ?? PORTFOLIO_CHUNK_SIZE;
  const total = await runPortfolioChunks(ctx, ids, chunkSize, (db, chunkIds) => writePnlChunk(db, chunkIds, calcDate, mode), mergePnlChunkResults);
  if (total.nonPositiveEquity > 0) ctx.log("warn", `${total.nonPositiveEquity} portfolio(s) have zero or negative equity on ${calcDate}`);
  if (total.unpriced > 0) ctx.log("warn", `${total.unpriced} active public position(s) have no close on or before ${calcDate}`);
  const blocked = total.failed.filter((failure) => failure.type === "blocked");
  if (blocked.length > 0) ctx.log("warn", `${blocked.length} portfolio(s) wait for earlier symbol data: ${blocked.slice(0, 5).map((b) => b.message).join(", ")}`);
  return summarizePhase({
    itemsTotal: total.inScope,
    itemsDone: total.done.length,
    itemsFailed: total.failed.length,
    itemsSkipped: total.skipped.length,
    errors: total.failed,
    result: {
      calcDate,
      mode,
      snapshotsWritten: total.snapshots,
      holesFilled: total.holesFilled,
      restatedSnapshots: total.restated,
      alreadyComplete: total.skipped.length,
      blocked: blocked.length,
      positionsRefreshed: total.positions,
      unpricedPositions: total.unpriced,
      nonPositiveEquity: total.nonPositiveEquity,
    },
  });
}
