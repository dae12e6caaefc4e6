/**
 * "What is missing" (R19): the trading dates the nightly run must (re)process, computed from
 * the data with set-based SQL, and the per-date status summary of the admin page.
 */
import { getPool } from "./client";
import { EXPECTED_ROWS_PER_METHOD } from "@/lib/risk/factor-definitions";
import { tradingDaysBack } from "@/lib/base/calendar";
import { getSymbolsToProcess } from "./symbols-to-process";

export const MAX_BACKFILL_DATES = 30;
const MISSING_LIST_LIMIT = 20;

export interface MissingDatesOptions {
  /** At most this many dates, oldest first (default 30). */
  maxDates?: number;
  /** Trading days looked back from upTo, upTo included (default 30). */
  lookbackTradingDays?: number;
  /** The needed symbols; default getSymbolsToProcess(upTo). */
  symbols?: readonly string[];
}

const COMPLETE_FACTORS = `
  p.ridge >= ${EXPECTED_ROWS_PER_METHOD.ridge_regression} AND p.spread >= ${EXPECTED_ROWS_PER_METHOD.spread_regression}
  AND p.ols_market >= ${EXPECTED_ROWS_PER_METHOD.ols_market} AND p.ols_ir >= ${EXPECTED_ROWS_PER_METHOD.ols_ir}
  AND (c.beta IS NULL OR p.provider >= ${EXPECTED_ROWS_PER_METHOD.provider})`;

/** Per (date, needed symbol): has a price, has its complete factor rows. Rows only for pairs that have either. */
const SYMBOL_COVERAGE_CTE = `
  WITH needed AS (SELECT unnest($2::text[]) AS symbol),
  priced AS (
    SELECT m.date AS day, m.symbol FROM market_data m JOIN needed n ON n.symbol = m.symbol WHERE m.date = ANY($1::date[])),
  per_symbol AS (
    SELECT e.calculation_date AS day, e.symbol,
      count(*) FILTER (WHERE e.calculation_method = 'ridge_regression') AS ridge,
      count(*) FILTER (WHERE e.calculation_method = 'spread_regression') AS spread,
      count(*) FILTER (WHERE e.calculation_method = 'ols_market') AS ols_market,
      count(*) FILTER (WHERE e.calculation_method = 'ols_ir') AS ols_ir,
      count(*) FILTER (WHERE e.calculation_method = 'provider') AS provider
    FROM symbol_factor_exposures e JOIN needed n ON n.symbol = e.symbol
    WHERE e.calculation_date = ANY($1::date[]) GROUP BY 1, 2),
  factored AS (
    SELECT p.day, p.symbol FROM per_symbol p LEFT JOIN company_profiles c ON c.symbol = p.symbol WHERE ${COMPLETE_FACTORS})`;

/** Per day: how many needed symbols have a price and how many have their complete factor rows. */
async function symbolCoverageByDay(days: readonly string[], needed: readonly string[]): Promise<{ day: string; priced: number; factored: number }[]> {
  const { rows } = await getPool().query<{ day: string; priced: number; factored: number }>(
    `${SYMBOL_COVERAGE_CTE}
     SELECT d.day,
       (SELECT count(*)::int FROM priced pr WHERE pr.day = d.day) AS priced,
       (SELECT count(*)::int FROM factored f WHERE f.day = d.day) AS factored
     FROM unnest($1::date[]) AS d(day) ORDER BY d.day`,
    [days, needed],
  );
  return rows;
}

/**
 * The days on which some non-deleted portfolio with inception_date ≤ day has no complete snapshot, or one whose
 * exposures or stress were not computed from its latest revision (a restated snapshot waiting for them).
 */
async function portfolioIncompleteDays(days: readonly string[]): Promise<string[]> {
  const { rows } = await getPool().query<{ day: string }>(
    `SELECT d.day FROM unnest($1::date[]) AS d(day)
     WHERE EXISTS (
       SELECT 1 FROM portfolios p
       WHERE p.deleted_at IS NULL AND p.inception_date <= d.day
         AND NOT EXISTS (SELECT 1 FROM portfolio_snapshots s WHERE s.portfolio_id = p.id AND s.snapshot_date = d.day AND s.is_complete
                            AND s.exposures_revision = s.revision AND s.stress_revision = s.revision))
     ORDER BY d.day`,
    [days],
  );
  return rows.map((row) => row.day);
}

async function candidateDays(upTo: string, lookback: number, lowerBoundSql: string): Promise<string[]> {
  const days = tradingDaysBack(upTo, lookback);
  const { rows } = await getPool().query<{ bound: string | null }>(lowerBoundSql);
  const bound = rows[0]?.bound ?? null;
  return bound === null ? [] : days.filter((day) => day >= bound);
}

/**
 * Trading dates after the last complete one (oldest first, at most 30) on which a needed symbol lacks a price or its
 * factor rows (ridge 6, spread 4, ols_market 1, ols_ir 1, provider 1 only when company_profiles.beta exists).
 * Looks back 30 trading days, never before the earliest portfolio inception or first stored price (whichever is
 * later); with neither, the latest trading day ≤ upTo is the only candidate.
 */
export async function findMissingSymbolDates(upTo: string, options: MissingDatesOptions = {}): Promise<string[]> {
  const lookback = options.lookbackTradingDays ?? MAX_BACKFILL_DATES;
  let days = await candidateDays(upTo, lookback,
    `SELECT GREATEST((SELECT min(date) FROM market_data), (SELECT min(inception_date) FROM portfolios WHERE deleted_at IS NULL)) AS bound`);
  if (days.length === 0) days = tradingDaysBack(upTo, 1);
  const needed = options.symbols ?? (await getSymbolsToProcess(days[days.length - 1])).symbols;
  const rows = await symbolCoverageByDay(days, needed);
  const complete = (row: { priced: number; factored: number }) => row.priced >= needed.length && row.factored >= needed.length;
  const lastComplete = rows.filter(complete).map((row) => row.day).pop() ?? null;
  return rows
    .filter((row) => (lastComplete === null || row.day > lastComplete) && !complete(row))
    .map((row) => row.day)
    .slice(0, options.maxDates ?? MAX_BACKFILL_DATES);
}

/**
 * Trading dates (oldest first, at most 30, within the last 30 trading days ≤ upTo) on which some non-deleted
 * portfolio with inception_date ≤ date has no complete snapshot.
 */
export async function findMissingPortfolioDates(upTo: string, options: Omit<MissingDatesOptions, "symbols"> = {}): Promise<string[]> {
  const days = await candidateDays(upTo, options.lookbackTradingDays ?? MAX_BACKFILL_DATES,
    "SELECT min(inception_date) AS bound FROM portfolios WHERE deleted_at IS NULL");
  if (days.length === 0) return [];
  return (await portfolioIncompleteDays(days)).slice(0, options.maxDates ?? MAX_BACKFILL_DATES);
}

/**
 * Of the given trading dates (any range, e.g. an admin backfill), those whose data is incomplete: a needed symbol
 * (getSymbolsToProcess of the last date) lacks a price or its factor rows, or a live portfolio lacks a complete
 * snapshot. Ascending; no cap and no "after the last complete date" rule.
 */
export async function findIncompleteDates(dates: readonly string[]): Promise<string[]> {
  if (dates.length === 0) return [];
  const days = [...new Set(dates)].sort();
  const needed = (await getSymbolsToProcess(days[days.length - 1])).symbols;
  const incomplete = new Set(await portfolioIncompleteDays(days));
  for (const row of await symbolCoverageByDay(days, needed)) {
    if (row.priced < needed.length || row.factored < needed.length) incomplete.add(row.day);
  }
  return [...incomplete].sort();
}

export interface BatchStatusSummary {
  targetDate: string;
  symbols: {
    total: number;
    havePrices: number;
    missingPrices: number;
    /** First 20 symbols without a price, sorted. */
    missingList: string[];
    haveFactors: number;
    missingFactors: number;
    missingFactorsList: string[];
  };
  portfolios: {
    total: number;
    haveSnapshots: number;
    missingSnapshots: number;
    missingList: { id: string; name: string }[];
  };
  needsSymbolBatch: boolean;
  needsPortfolioRefresh: boolean;
}

/** R19 batch status for one date: needed symbols with/without prices and factor rows, portfolios with/without a complete snapshot. */
export async function getBatchStatusSummary(date: string): Promise<BatchStatusSummary> {
  const needed = (await getSymbolsToProcess(date)).symbols;
  const pool = getPool();
  const { rows: symbolRows } = await pool.query<{ symbol: string; has_price: boolean; has_factors: boolean }>(
    `${SYMBOL_COVERAGE_CTE}
     SELECT n.symbol,
       EXISTS (SELECT 1 FROM priced pr WHERE pr.symbol = n.symbol) AS has_price,
       EXISTS (SELECT 1 FROM factored f WHERE f.symbol = n.symbol) AS has_factors
     FROM needed n ORDER BY n.symbol`,
    [[date], needed],
  );
  const { rows: portfolioRows } = await pool.query<{ id: string; name: string; complete: boolean }>(
    `SELECT p.id, p.name,
       EXISTS (SELECT 1 FROM portfolio_snapshots s WHERE s.portfolio_id = p.id AND s.snapshot_date = $1::date AND s.is_complete) AS complete
     FROM portfolios p WHERE p.deleted_at IS NULL AND p.inception_date <= $1::date ORDER BY p.name, p.id`,
    [date],
  );
  const missingPrices = symbolRows.filter((row) => !row.has_price).map((row) => row.symbol);
  const missingFactors = symbolRows.filter((row) => !row.has_factors).map((row) => row.symbol);
  const missingPortfolios = portfolioRows.filter((row) => !row.complete);
  return {
    targetDate: date,
    symbols: {
      total: needed.length,
      havePrices: needed.length - missingPrices.length,
      missingPrices: missingPrices.length,
      missingList: missingPrices.slice(0, MISSING_LIST_LIMIT),
      haveFactors: needed.length - missingFactors.length,
      missingFactors: missingFactors.length,
      missingFactorsList: missingFactors.slice(0, MISSING_LIST_LIMIT),
    },
    portfolios: {
      total: portfolioRows.length,
      haveSnapshots: portfolioRows.length - missingPortfolios.length,
      missingSnapshots: missingPortfolios.length,
      missingList: missingPortfolios.slice(0, MISSING_LIST_LIMIT).map((row) => ({ id: row.id, name: row.name })),
    },
    needsSymbolBatch: missingPrices.length > 0 || missingFactors.length > 0,
    needsPortfolioRefresh: missingPortfolios.length > 0,
  };
}
