/**
 * Phase 5 data access: one read per input table for the date, and the write (inside the chunk's transaction) that
 * replaces the date's factor_exposures rows of those portfolios and upserts their coverage.
 */
import type pg from "pg";
import { selectBinaryRows, sqlTextArray } from "./binary-copy-reader";
import { getPool } from "./client";
import { copyLine, copyTextRows } from "./copy-text-rows";

/** The equity of the complete snapshot on the date of each of these portfolios (absent: none). */
export async function listSnapshotEquities(calcDate: string, portfolioIds: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await getPool().query<{ portfolio_id: string; equity_balance: number }>(
    `SELECT portfolio_id, equity_balance FROM portfolio_snapshots WHERE snapshot_date = $1 AND is_complete AND portfolio_id = ANY($2::uuid[])`,
    [calcDate, portfolioIds],
  );
  return new Map(rows.map((row) => [row.portfolio_id, row.equity_balance]));
}

export interface ExposurePositionRow {
  portfolio_id: string;
  symbol: string;
  position_type: string;
  quantity: number;
  investment_class: string | null;
  market_value: number | null;
  entry_price: number;
  exit_date: string | null;
}

/** The date's active positions of the portfolios, read as binary COPY (see listLedgerPositions). */
export async function listExposurePositions(calcDate: string, portfolioIds: string[]): Promise<ExposurePositionRow[]> {
  return selectBinaryRows(getPool(), (client) =>
    `SELECT portfolio_id::text, symbol, position_type, quantity::float8, investment_class, market_value::float8, entry_price::float8, exit_date
       FROM positions
      WHERE deleted_at IS NULL AND entry_date <= ${client.escapeLiteral(calcDate)}::date
        AND (exit_date IS NULL OR exit_date > ${client.escapeLiteral(calcDate)}::date)
        AND portfolio_id = ANY(${sqlTextArray(client, portfolioIds)}::uuid[])`,
  (row) => ({
    portfolio_id: row.ascii(0),
    symbol: row.text(1),
    position_type: row.text(2),
    quantity: row.nullableFloat8(3)!,
    investment_class: row.nullableText(4),
    market_value: row.nullableFloat8(5),
    entry_price: row.nullableFloat8(6)!,
    exit_date: row.nullableIsoDate(7),
  }));
}

export async function loadFactorIds(): Promise<Map<string, number>> {
  const { rows } = await getPool().query<{ id: number; name: string }>("SELECT id, name FROM factor_definitions");
  return new Map(rows.map((row) => [row.name, row.id]));
}

export interface ExposureRowWrite {
  portfolioId: string;
  factorId: number;
  beta: number;
  exposureUsd: number;
}

export interface CoverageRowWrite {
  portfolioId: string;
  equityUsd: number;
  publicMarketValueUsd: number;
  coveredMarketValueUsd: number;
  privateMarketValueUsd: number;
  coverage: number;
  privateAllocation: number;
  publicPositions: number;
  coveredPositions: number;
}

/** DELETE the date's exposure and coverage rows of `replacePortfolioIds`, COPY the new ones — in the caller's transaction. */
export async function replaceFactorExposures(
  client: pg.PoolClient,
  calcDate: string,
  replacePortfolioIds: string[],
  exposures: ExposureRowWrite[],
  coverage: CoverageRowWrite[],
): Promise<{ exposureRows: number; coverageRows: number }> {
  await client.query(
    // One index scan for the chunk's ids on the date (index on date and portfolio, migration 20261204010000). Joined
    // to unnest() instead, the planner hashed the whole table once the date held a few chunks' rows.
    `DELETE FROM factor_exposures WHERE calculation_date = $1 AND portfolio_id = ANY($2::uuid[])`,
    [calcDate, replacePortfolioIds],
  );
  // A portfolio that failed keeps no coverage row of an older revision either.
  await client.query(`DELETE FROM portfolio_factor_coverage WHERE calculation_date = $1 AND portfolio_id = ANY($2::uuid[])`, [calcDate, replacePortfolioIds]);
  // The date's rows of these portfolios were just deleted in this transaction, so a plain COPY cannot conflict.
  const exposureRows = await copyTextRows(
    client,
    "COPY factor_exposures (portfolio_id, factor_id, calculation_date, exposure_value, exposure_dollar) FROM STDIN",
    exposures.map((e) => `${e.portfolioId}\t${e.factorId}\t${calcDate}\t${e.beta}\t${e.exposureUsd}`),
  );
  const coverageRows = await copyTextRows(
    client,
    `COPY portfolio_factor_coverage (portfolio_id, calculation_date, equity_usd, public_market_value_usd, covered_market_value_usd,
       private_market_value_usd, coverage, private_allocation, public_positions, covered_positions) FROM STDIN`,
    coverage.map((c) => copyLine([c.portfolioId, calcDate, c.equityUsd, c.publicMarketValueUsd, c.coveredMarketValueUsd, c.privateMarketValueUsd,
      c.coverage, c.privateAllocation, c.publicPositions, c.coveredPositions])),
  );
  return { exposureRows, coverageRows };
}
