/**
 * D6 / B23: the EWMA covariance of the 8 stress factor ETFs, anchored at the calculation date, computed once per
 * date and stored in factor_covariances; every later call (other chunks, reruns) reuses the stored row.
 */
import { computeEwmaCovariance } from "../math/ewma-covariance";
import { STRESS_FACTOR_ETFS } from "../risk/stress-engine";
import { STRESS_CONFIG } from "../risk/stress-scenarios";
import { getPool } from "./client";

export interface StoredFactorCovariance {
  calculationDate: string;
  factors: string[];
  covariance: number[][];
  correlation: number[][];
  /** Number of return rows used. */
  dataDays: number;
  lambda: number;
  /** True when this call computed (and, with enough data, stored) the matrix. */
  computed: boolean;
  stored: boolean;
}

interface CovarianceRow {
  calculation_date: string;
  factors: string[];
  covariance: number[][];
  correlation: number[][];
  data_days: number;
  lambda: number;
}

/**
 * The stored row for the date, else: the last 252 returns ending at calcDate over the dates on which all 8 ETFs
 * have a price (adj_close, falling back to close), EWMA λ = 0.94, correlations clipped to ±0.95. A matrix from
 * fewer than STRESS_CONFIG.minCorrelationObservations returns is used but not stored, so it is recomputed once the
 * history exists.
 */
export async function getOrComputeFactorCovariance(calcDate: string): Promise<StoredFactorCovariance> {
  const pool = getPool();
  const existing = await pool.query<CovarianceRow>("SELECT * FROM factor_covariances WHERE calculation_date = $1", [calcDate]);
  if (existing.rows[0]) return fromRow(existing.rows[0], false, true);
  const returns = await loadFactorReturns(calcDate);
  const result = computeEwmaCovariance(returns, {
    lambda: STRESS_CONFIG.ewmaLambda,
    correlationClip: STRESS_CONFIG.correlationClip,
    minObservations: STRESS_CONFIG.minCorrelationObservations,
  });
  const size = STRESS_FACTOR_ETFS.length;
  // No returns at all: a zero covariance (every scenario then moves only its shocked factors) and ρ = I.
  const covariance = returns.length === 0 ? squareMatrix(size, () => 0) : result.covariance;
  const correlation = returns.length === 0 ? squareMatrix(size, (i, j) => (i === j ? 1 : 0)) : result.correlation;
  const row: CovarianceRow = {
    calculation_date: calcDate,
    factors: [...STRESS_FACTOR_ETFS],
    covariance,
    correlation,
    data_days: returns.length,
    lambda: STRESS_CONFIG.ewmaLambda,
  };
  if (returns.length < STRESS_CONFIG.minCorrelationObservations) return fromRow(row, true, false);
  const inserted = await pool.query<CovarianceRow>(
    `INSERT INTO factor_covariances (calculation_date, factors, covariance, correlation, data_days, lambda)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (calculation_date) DO NOTHING RETURNING *`,
    [calcDate, JSON.stringify(row.factors), JSON.stringify(covariance), JSON.stringify(correlation), row.data_days, row.lambda],
  );
  if (inserted.rows[0]) return fromRow(inserted.rows[0], true, true);
  // Another chunk stored it first: use that one so every chunk of the date agrees.
  const winner = await pool.query<CovarianceRow>("SELECT * FROM factor_covariances WHERE calculation_date = $1", [calcDate]);
  return fromRow(winner.rows[0], false, true);
}

/** T×8 simple returns (oldest first) over the last 253 fully priced dates ≤ calcDate. */
async function loadFactorReturns(calcDate: string): Promise<number[][]> {
  const etfs = [...STRESS_FACTOR_ETFS];
  const { rows } = await getPool().query<{ symbol: string; date: string; price: number }>(
    `WITH dates AS (
       SELECT date FROM market_data
        WHERE symbol = ANY($1::text[]) AND date <= $2
        GROUP BY date HAVING count(DISTINCT symbol) = $3
        ORDER BY date DESC LIMIT $4)
     SELECT m.symbol, m.date, COALESCE(m.adj_close, m.close) AS price
       FROM market_data m JOIN dates d ON d.date = m.date
      WHERE m.symbol = ANY($1::text[])`,
    [etfs, calcDate, etfs.length, STRESS_CONFIG.lookbackReturns + 1],
  );
  const byDate = new Map<string, number[]>();
  for (const row of rows) {
    let prices = byDate.get(row.date);
    if (!prices) byDate.set(row.date, (prices = new Array<number>(etfs.length).fill(Number.NaN)));
    prices[etfs.indexOf(row.symbol)] = row.price;
  }
  const panel = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, prices]) => prices);
  const returns: number[][] = [];
  for (let t = 1; t < panel.length; t += 1) returns.push(panel[t].map((price, i) => price / panel[t - 1][i] - 1));
  return returns;
}

function fromRow(row: CovarianceRow, computed: boolean, stored: boolean): StoredFactorCovariance {
  return {
    calculationDate: row.calculation_date,
    factors: row.factors,
    covariance: row.covariance,
    correlation: row.correlation,
    dataDays: row.data_days,
    lambda: row.lambda,
    computed,
    stored,
  };
}

function squareMatrix(size: number, value: (i: number, j: number) => number): number[][] {
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => value(i, j)));
}
