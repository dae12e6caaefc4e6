import { getPool } from "./client";

/** Portfolios a portfolio phase covers on a date: not deleted, already incepted. */
export async function listActivePortfolioIds(date: string): Promise<string[]> {
  const result = await getPool().query<{ id: string }>(
    `SELECT id FROM portfolios WHERE deleted_at IS NULL AND inception_date <= $1 ORDER BY id`, [date]);
  return result.rows.map((row) => row.id);
}
