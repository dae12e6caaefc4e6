import { getMarketDataProvider } from "../market-data/get-provider";
import { tradingDaysBack } from "../risk/calendar";
import { getPool } from "./client";

interface DemoHolding {
  symbol: string;
  quantity: number;
  positionType?: "LONG" | "SHORT";
  investmentClass?: "PUBLIC" | "PRIVATE";
  /** Private holdings carry their own stored value (no market price exists). */
  valueUsd?: number;
}

interface DemoPortfolio {
  name: string;
  accountName: string;
  startingEquity: number;
  holdings: DemoHolding[];
}

/** The demo book of `start`: public stocks and ETFs of the simulated market, a short, and private holdings. */
export const DEMO_PORTFOLIOS: readonly DemoPortfolio[] = [
  {
    name: "Family Balanced", accountName: "Taxable", startingEquity: 5_000_000,
    holdings: [
      { symbol: "AAPL", quantity: 2_000 }, { symbol: "MSFT", quantity: 1_000 }, { symbol: "NVDA", quantity: 1_500 },
      { symbol: "AMZN", quantity: 1_200 }, { symbol: "GOOGL", quantity: 1_000 }, { symbol: "JPM", quantity: 900 },
      { symbol: "XOM", quantity: 1_400 }, { symbol: "JNJ", quantity: 800 }, { symbol: "PG", quantity: 700 },
      { symbol: "KO", quantity: 1_500 }, { symbol: "TLT", quantity: 2_500 }, { symbol: "VTV", quantity: 600 },
      { symbol: "TSLA", quantity: -400, positionType: "SHORT" },
      { symbol: "HOME_EQUITY", quantity: 1, investmentClass: "PRIVATE", valueUsd: 850_000 },
      { symbol: "FO_PRIVATE_CREDIT", quantity: 1, investmentClass: "PRIVATE", valueUsd: 400_000 },
      { symbol: "EQ5D6A2D8F", quantity: 1, investmentClass: "PRIVATE", valueUsd: 250_000 },
    ],
  },
  {
    name: "Tech Long/Short", accountName: "Hedge sleeve", startingEquity: 1_500_000,
    holdings: [
      { symbol: "NVDA", quantity: 2_500 }, { symbol: "META", quantity: 600 }, { symbol: "AMD", quantity: 1_800 },
      { symbol: "CRM", quantity: 700 }, { symbol: "INTC", quantity: -6_000, positionType: "SHORT" },
      { symbol: "IBM", quantity: -900, positionType: "SHORT" }, { symbol: "QQQ", quantity: -300, positionType: "SHORT" },
    ],
  },
];

/** Trading days of history before the demo's inception, so the first start catches up a real window. */
export const DEMO_HISTORY_TRADING_DAYS = 30;

/**
 * Creates the demo user's portfolios once (idempotent: nothing happens when the demo user already has portfolios).
 * Entry prices are the simulated closes on the inception date.
 */
export async function seedDemoPortfolios(demoEmail: string, latestTradingDay: string): Promise<{ created: number; inceptionDate: string }> {
  const pool = getPool();
  const user = await pool.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [demoEmail]);
  const userId = user.rows[0]?.id;
  const inceptionDate = tradingDaysBack(latestTradingDay, DEMO_HISTORY_TRADING_DAYS + 1)[0];
  if (!userId) return { created: 0, inceptionDate };
  const existing = await pool.query(`SELECT 1 FROM portfolios WHERE user_id = $1 LIMIT 1`, [userId]);
  if (existing.rowCount) return { created: 0, inceptionDate };
  const provider = getMarketDataProvider();
  const entryPrices = new Map<string, number>();
  for (const holding of DEMO_PORTFOLIOS.flatMap((portfolio) => portfolio.holdings)) {
    if (holding.investmentClass === "PRIVATE" || entryPrices.has(holding.symbol)) continue;
    const bars = await provider.fetchDailyBars(holding.symbol, { from: inceptionDate, to: inceptionDate });
    if (!bars.ok || bars.bars.length === 0) throw new Error(`The demo needs a price for ${holding.symbol} on ${inceptionDate}, and the provider has none.`);
    entryPrices.set(holding.symbol, bars.bars[0].close);
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const portfolio of DEMO_PORTFOLIOS) {
      const created = await client.query<{ id: string }>(
        `INSERT INTO portfolios (id, user_id, name, account_name, starting_equity, current_equity, inception_date)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $4, $5) RETURNING id`,
        [userId, portfolio.name, portfolio.accountName, portfolio.startingEquity, inceptionDate],
      );
      for (const holding of portfolio.holdings) {
        const isPrivate = holding.investmentClass === "PRIVATE";
        const entryPrice = isPrivate ? holding.valueUsd! / holding.quantity : entryPrices.get(holding.symbol)!;
        await client.query(
          `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class,
                                  last_price, market_value)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $5, $8)`,
          [created.rows[0].id, holding.symbol, holding.positionType ?? "LONG", holding.quantity, entryPrice, inceptionDate,
            holding.investmentClass ?? "PUBLIC", isPrivate ? holding.valueUsd : Math.round(holding.quantity * entryPrice * 100) / 100],
        );
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
  return { created: DEMO_PORTFOLIOS.length, inceptionDate };
}
