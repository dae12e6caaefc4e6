/** Test fixtures for the portfolio phases (4–6): users, portfolios, positions, prices and symbol betas. */
import { randomUUID } from "node:crypto";
import { getPool } from "../db/client";
import { createSeededNormal } from "../math/seeded-normal";

export async function insertTestUser(): Promise<string> {
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Test', 'x')`,
    [id, `${id}@example.test`],
  );
  return id;
}

export async function insertTestPortfolio(input: { userId: string; startingEquity: number; inceptionDate: string; name?: string }): Promise<string> {
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
     VALUES ($1, $2, $3, $4, $4, $5)`,
    [id, input.userId, input.name ?? "Test portfolio", input.startingEquity, input.inceptionDate],
  );
  return id;
}

export interface TestPosition {
  symbol: string;
  quantity: number;
  entryPrice: number;
  entryDate: string;
  positionType?: string;
  investmentClass?: string | null;
  exitDate?: string | null;
  marketValue?: number | null;
}

export async function insertTestPosition(portfolioId: string, position: TestPosition): Promise<string> {
  const id = randomUUID();
  await getPool().query(
    `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, exit_date,
                            investment_class, market_value)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id, portfolioId, position.symbol, position.positionType ?? (position.quantity < 0 ? "SHORT" : "LONG"),
      position.quantity, position.entryPrice, position.entryDate, position.exitDate ?? null,
      position.investmentClass === undefined ? "PUBLIC" : position.investmentClass, position.marketValue ?? null,
    ],
  );
  return id;
}

/** Closes as { symbol: { date: close } }; adj_close = close. */
export async function insertTestPrices(prices: Record<string, Record<string, number>>): Promise<void> {
  const symbols: string[] = [];
  const dates: string[] = [];
  const closes: number[] = [];
  for (const [symbol, byDate] of Object.entries(prices)) {
    for (const [date, close] of Object.entries(byDate)) {
      symbols.push(symbol);
      dates.push(date);
      closes.push(close);
    }
  }
  await getPool().query(
    `INSERT INTO market_data (symbol, date, close, adj_close, data_source)
     SELECT s, d, c, c, 'test' FROM unnest($1::text[], $2::date[], $3::numeric[]) AS t(s, d, c)
     ON CONFLICT (symbol, date) DO UPDATE SET close = EXCLUDED.close, adj_close = EXCLUDED.adj_close`,
    [symbols, dates, closes],
  );
}

/** Symbol betas for one date by factor name: { AAPL: { "Market Beta (90D)": 1.2, ... } }. */
export async function insertTestSymbolBetas(date: string, betas: Record<string, Record<string, number>>): Promise<void> {
  const pool = getPool();
  const symbols = Object.keys(betas);
  await pool.query(
    `INSERT INTO symbol_universe (symbol) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
    [symbols],
  );
  const rows = Object.entries(betas).flatMap(([symbol, byFactor]) => Object.entries(byFactor).map(([name, beta]) => ({ symbol, name, beta })));
  await pool.query(
    `INSERT INTO symbol_factor_exposures (symbol, factor_id, calculation_date, beta_value, observations, calculation_method)
     SELECT t.symbol, f.id, $1, t.beta, 90, 'test'
       FROM unnest($2::text[], $3::text[], $4::numeric[]) AS t(symbol, name, beta)
       JOIN factor_definitions f ON f.name = t.name
     ON CONFLICT (symbol, factor_id, calculation_date) DO UPDATE SET beta_value = EXCLUDED.beta_value`,
    [date, rows.map((r) => r.symbol), rows.map((r) => r.name), rows.map((r) => r.beta)],
  );
}

export async function insertTestProviderBeta(symbol: string, beta: number): Promise<void> {
  await getPool().query(
    `INSERT INTO company_profiles (symbol, beta, last_updated) VALUES ($1, $2, now())
     ON CONFLICT (symbol) DO UPDATE SET beta = EXCLUDED.beta`,
    [symbol, beta],
  );
}

export async function insertTestEquityChange(portfolioId: string, changeType: "CONTRIBUTION" | "WITHDRAWAL", amount: number, date: string): Promise<void> {
  await getPool().query(
    `INSERT INTO equity_changes (id, portfolio_id, change_type, amount, change_date) VALUES ($1, $2, $3, $4, $5)`,
    [randomUUID(), portfolioId, changeType, amount, date],
  );
}

export async function insertTestRealizedEvent(portfolioId: string, positionId: string, date: string, quantityClosed: number, realizedPnl: number): Promise<void> {
  await getPool().query(
    `INSERT INTO position_realized_events (id, position_id, portfolio_id, trade_date, quantity_closed, realized_pnl)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), positionId, portfolioId, date, quantityClosed, realizedPnl],
  );
}

/** Every row of a table for the given portfolios, ordered, without timestamps: for "run twice, same rows". */
export async function dumpPortfolioRows(table: string, portfolioIds: string[], orderBy: string): Promise<unknown[]> {
  const { rows } = await getPool().query(`SELECT * FROM ${table} WHERE portfolio_id = ANY($1::uuid[]) ORDER BY ${orderBy}`, [portfolioIds]);
  return rows.map((row: Record<string, unknown>) => {
    const { created_at: _created, updated_at: _updated, ...rest } = row;
    return rest;
  });
}

/**
 * Deterministic daily closes for the 8 stress ETFs over the `days` trading days ending at `endDate`: one common
 * market return plus ETF-specific noise (TLT loads negatively on the market), from the seeded normal generator.
 */
export async function insertTestFactorEtfHistory(endDate: string, days: number, seed = 7): Promise<void> {
  const { tradingDaysBack } = await import("../base/calendar");
  const etfs: [string, number][] = [["SPY", 1], ["VTV", 0.9], ["VUG", 1.1], ["MTUM", 1.05], ["QUAL", 0.95], ["IWM", 1.2], ["USMV", 0.7], ["TLT", -0.3]];
  const normal = createSeededNormal(seed);
  const dates = tradingDaysBack(endDate, days);
  const prices: Record<string, Record<string, number>> = {};
  const level = new Map(etfs.map(([symbol]) => [symbol, 100]));
  for (const date of dates) {
    const market = 0.01 * normal();
    for (const [symbol, loading] of etfs) {
      const next = level.get(symbol)! * (1 + loading * market + 0.004 * normal());
      level.set(symbol, next);
      (prices[symbol] ??= {})[date] = Math.round(next * 10_000) / 10_000;
    }
  }
  await insertTestPrices(prices);
}
