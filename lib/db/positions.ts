import type pg from "pg";

export interface NewPosition {
  symbol: string;
  positionType: string;
  quantity: number;
  entryPrice: number;
  entryDate: string;
  investmentClass: string | null;
  /** Stored value; for a private holding this is what values it (it has no market price). */
  marketValue: number;
  /** A private asset's free-text name (its symbol is derived from it); absent for listed positions. */
  displayName?: string | null;
}

/** Inserts a portfolio's positions in one statement; last price starts at the entry price. */
export async function insertPositions(client: Pick<pg.PoolClient, "query">, portfolioId: string, positions: readonly NewPosition[]): Promise<void> {
  await client.query(
    `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class, last_price, market_value, display_name)
     SELECT gen_random_uuid(), $1, p.symbol, p.type, p.quantity, p.entry_price, p.entry_date, p.class, p.entry_price, p.market_value, p.display_name
       FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::date[], $7::text[], $8::numeric[], $9::text[])
         AS p(symbol, type, quantity, entry_price, entry_date, class, market_value, display_name)`,
    [portfolioId, positions.map((p) => p.symbol), positions.map((p) => p.positionType), positions.map((p) => p.quantity),
      positions.map((p) => p.entryPrice), positions.map((p) => p.entryDate), positions.map((p) => p.investmentClass),
      positions.map((p) => p.marketValue), positions.map((p) => p.displayName ?? null)],
  );
}
