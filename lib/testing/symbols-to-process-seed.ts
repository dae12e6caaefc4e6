/** Test-only seeding of a user, a portfolio and its positions (raw SQL on the test database). */
import { randomUUID } from "node:crypto";
import { getPool } from "@/lib/db/client";

export interface SeedPosition {
  symbol: string;
  investmentClass?: "PUBLIC" | "OPTIONS" | "PRIVATE" | null;
  positionType?: string;
  exitDate?: string | null;
  deleted?: boolean;
}

export async function seedPortfolio(input: { inceptionDate?: string; deleted?: boolean; positions: SeedPosition[] }): Promise<string> {
  const pool = getPool();
  const userId = randomUUID();
  await pool.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Test', 'x')`, [userId, `${userId}@test.local`]);
  const portfolioId = randomUUID();
  await pool.query(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date, deleted_at)
     VALUES ($1, $2, 'Test portfolio', 100000, 100000, $3, $4)`,
    [portfolioId, userId, input.inceptionDate ?? "2025-01-02", input.deleted ? new Date() : null],
  );
  for (const position of input.positions) {
    await pool.query(
      `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, exit_date, investment_class, deleted_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 10, 100, '2025-01-02', $4, $5, $6)`,
      [portfolioId, position.symbol, position.positionType ?? "LONG", position.exitDate ?? null,
        position.investmentClass === undefined ? "PUBLIC" : position.investmentClass, position.deleted ? new Date() : null],
    );
  }
  return portfolioId;
}
