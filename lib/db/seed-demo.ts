import { getMarketDataProvider } from "../market-data/get-provider";
import { tradingDaysBack } from "../base/calendar";
import { getPool } from "./client";
import { insertPositions } from "./positions";

interface DemoHolding {
  symbol: string;
  /** Signed share of starting equity (negative = short); quantities follow from the inception-date close. */
  weight: number;
  investmentClass?: "PUBLIC" | "PRIVATE";
}

interface DemoPortfolio {
  name: string;
  accountName: string;
  startingEquity: number;
  holdings: DemoHolding[];
}

/** The demo book of `start`: public stocks and ETFs of the simulated market, shorts, and private holdings. */
export const DEMO_PORTFOLIOS: readonly DemoPortfolio[] = [
  {
    name: "Family Balanced", accountName: "Taxable", startingEquity: 5_000_000,
    holdings: [
      { symbol: "AAPL", weight: 0.08 }, { symbol: "MSFT", weight: 0.08 }, { symbol: "NVDA", weight: 0.06 },
      { symbol: "AMZN", weight: 0.05 }, { symbol: "GOOGL", weight: 0.05 }, { symbol: "JPM", weight: 0.05 },
      { symbol: "XOM", weight: 0.04 }, { symbol: "JNJ", weight: 0.04 }, { symbol: "PG", weight: 0.04 },
      { symbol: "KO", weight: 0.03 }, { symbol: "TLT", weight: 0.08 }, { symbol: "VTV", weight: 0.05 },
      { symbol: "TSLA", weight: -0.03 },
      { symbol: "HOME_EQUITY", weight: 0.17, investmentClass: "PRIVATE" },
      { symbol: "FO_PRIVATE_CREDIT", weight: 0.08, investmentClass: "PRIVATE" },
      { symbol: "EQ5D6A2D8F", weight: 0.05, investmentClass: "PRIVATE" },
    ],
  },
  {
    name: "Tech Long/Short", accountName: "Hedge sleeve", startingEquity: 1_500_000,
    holdings: [
      { symbol: "NVDA", weight: 0.3 }, { symbol: "META", weight: 0.25 }, { symbol: "AMD", weight: 0.2 },
      { symbol: "CRM", weight: 0.2 }, { symbol: "INTC", weight: -0.2 }, { symbol: "IBM", weight: -0.15 },
      { symbol: "QQQ", weight: -0.15 },
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
  // The inception day is the first of the window the first catch-up processes: the chain starts on a day it computes.
  const inceptionDate = tradingDaysBack(latestTradingDay, DEMO_HISTORY_TRADING_DAYS)[0];
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
      await insertPositions(client, created.rows[0].id, portfolio.holdings.map((holding) => {
        const targetUsd = holding.weight * portfolio.startingEquity;
        const isPrivate = holding.investmentClass === "PRIVATE";
        // A private holding is one unit carried at its stored value; public ones buy whole shares at the close.
        const entryPrice = isPrivate ? targetUsd : entryPrices.get(holding.symbol)!;
        const quantity = isPrivate ? 1 : Math.sign(targetUsd) * Math.max(1, Math.round(Math.abs(targetUsd) / entryPrice));
        return {
          symbol: holding.symbol, positionType: quantity < 0 ? "SHORT" : "LONG", quantity, entryPrice, entryDate: inceptionDate,
          investmentClass: holding.investmentClass ?? "PUBLIC", marketValue: Math.round(quantity * entryPrice * 100) / 100,
        };
      }));
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
