/**
 * Rows for the stress model's covariance: the stored matrix of a date (factor_covariances) and the closes of the
 * factor ETFs it is computed from. Reading and writing only; the returns and the covariance are computed in
 * lib/math and lib/risk.
 */
import { getPool } from "./client";

export interface FactorCovarianceRow {
  calculationDate: string;
  /** Factor names in matrix order, as stored (rows written by an older model name ETFs instead). */
  factors: unknown;
  covariance: number[][];
  correlation: number[][];
  dataDays: number;
  lambda: number;
}

interface StoredRow {
  calculation_date: string;
  factors: unknown;
  covariance: number[][];
  correlation: number[][];
  data_days: number;
  lambda: number;
}

const fromRow = (row: StoredRow): FactorCovarianceRow => ({
  calculationDate: row.calculation_date,
  factors: row.factors,
  covariance: row.covariance,
  correlation: row.correlation,
  dataDays: row.data_days,
  lambda: row.lambda,
});

export async function getFactorCovarianceRow(calcDate: string): Promise<FactorCovarianceRow | null> {
  const { rows } = await getPool().query<StoredRow>("SELECT * FROM factor_covariances WHERE calculation_date = $1", [calcDate]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * Stores the date's matrix and returns the row that is stored afterwards. A row with the same factor names is kept
 * (another chunk or run stored it first, and every user of the date must see one matrix); a row with other factor
 * names (an older model's coordinates) is replaced.
 */
export async function saveFactorCovarianceRow(row: FactorCovarianceRow): Promise<FactorCovarianceRow> {
  const { rows } = await getPool().query<StoredRow>(
    `INSERT INTO factor_covariances (calculation_date, factors, covariance, correlation, data_days, lambda)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (calculation_date) DO UPDATE SET factors = EXCLUDED.factors, covariance = EXCLUDED.covariance,
       correlation = EXCLUDED.correlation, data_days = EXCLUDED.data_days, lambda = EXCLUDED.lambda, created_at = now()
       WHERE factor_covariances.factors IS DISTINCT FROM EXCLUDED.factors
     RETURNING *`,
    [row.calculationDate, JSON.stringify(row.factors), JSON.stringify(row.covariance), JSON.stringify(row.correlation), row.dataDays, row.lambda],
  );
  if (rows[0]) return fromRow(rows[0]);
  return (await getFactorCovarianceRow(row.calculationDate))!;
}

export interface EtfClosePanel {
  /** Dates on which every ETF has a price, oldest first. */
  dates: string[];
  /** closes[t][i]: adjusted close (else close) of etfs[i] on dates[t]. */
  closes: number[][];
}

/** The last `maxDates` dates ≤ calcDate on which all `etfs` have a price, with their closes in `etfs` order. */
export async function listEtfClosePanel(etfs: readonly string[], calcDate: string, maxDates: number): Promise<EtfClosePanel> {
  const { rows } = await getPool().query<{ symbol: string; date: string; price: number }>(
    `WITH dates AS (
       SELECT date FROM market_data
        WHERE symbol = ANY($1::text[]) AND date <= $2
        GROUP BY date HAVING count(DISTINCT symbol) = $3
        ORDER BY date DESC LIMIT $4)
     SELECT m.symbol, m.date, COALESCE(m.adj_close, m.close) AS price
       FROM market_data m JOIN dates d ON d.date = m.date
      WHERE m.symbol = ANY($1::text[])`,
    [[...etfs], calcDate, etfs.length, maxDates],
  );
  const byDate = new Map<string, number[]>();
  for (const row of rows) {
    let closes = byDate.get(row.date);
    if (!closes) byDate.set(row.date, (closes = new Array<number>(etfs.length).fill(Number.NaN)));
    closes[etfs.indexOf(row.symbol)] = row.price;
  }
  const dates = [...byDate.keys()].sort();
  return { dates, closes: dates.map((date) => byDate.get(date)!) };
}
