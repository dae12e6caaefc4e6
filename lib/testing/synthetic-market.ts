/** A synthetic market with planted betas written straight into market_data: for tests and the bench. */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { getPool } from "../db/client";
import { createSeededNormal } from "../math/seeded-normal";
import { tradingDaysBack } from "../base/calendar";
import { REGRESSOR_ETFS } from "../risk/factor-definitions";

export interface PlantedStock {
  symbol: string;
  /** The stock's true loading on SPY returns. */
  marketBeta: number;
}

export interface SyntheticMarket {
  dates: string[];
  /** Symbol → adjusted prices aligned to `dates` (NaN = no row). */
  series: Map<string, Float64Array>;
}

function compound(returns: Float64Array): Float64Array {
  const prices = new Float64Array(returns.length);
  prices[0] = 100;
  for (let t = 1; t < returns.length; t++) prices[t] = prices[t - 1] * (1 + returns[t]);
  return prices;
}

/**
 * `days` trading days ending at calcDate: SPY is a random walk, the other regressor ETFs load on it plus their own
 * noise (TLT negatively), and each stock's return is marketBeta × r(SPY) + idiosyncratic noise (σ = `noise`).
 */
export function buildSyntheticMarket(calcDate: string, days: number, stocks: readonly PlantedStock[], seed = 7, noise = 0.005): SyntheticMarket {
  const normal = createSeededNormal(seed);
  const dates = tradingDaysBack(calcDate, days);
  const spy = Float64Array.from(dates, () => 0.0004 + 0.01 * normal());
  const series = new Map<string, Float64Array>();
  REGRESSOR_ETFS.forEach((etf, e) => {
    const loading = etf === "SPY" ? 1 : etf === "TLT" ? -0.2 : 0.7 + 0.08 * e;
    series.set(etf, compound(Float64Array.from(spy, (m) => loading * m + (etf === "SPY" ? 0 : 0.004 * normal()))));
  });
  for (const stock of stocks) {
    series.set(stock.symbol, compound(Float64Array.from(spy, (m) => stock.marketBeta * m + noise * normal())));
  }
  return { dates, series };
}

/** Replaces the market's rows for its symbols and dates with one COPY (close rounded to 4 dp, adj_close to 8 dp). */
export async function insertSyntheticMarket(market: SyntheticMarket): Promise<number> {
  const symbols = [...market.series.keys()];
  const client = await getPool().connect();
  try {
    await client.query("DELETE FROM market_data WHERE symbol = ANY($1::text[]) AND date BETWEEN $2 AND $3", [
      symbols, market.dates[0], market.dates[market.dates.length - 1],
    ]);
    let rows = 0;
    function* lines(): Generator<string> {
      for (const [symbol, prices] of market.series) {
        const parts: string[] = [];
        prices.forEach((price, t) => {
          if (!(price > 0)) return;
          parts.push(`${symbol}\t${market.dates[t]}\t${price.toFixed(4)}\t${price.toFixed(8)}\tsynthetic\n`);
          rows += 1;
        });
        yield parts.join("");
      }
    }
    const copy = client.query(copyFrom("COPY market_data (symbol, date, close, adj_close, data_source) FROM STDIN"));
    await pipeline(Readable.from(lines()), copy);
    return rows;
  } finally {
    client.release();
  }
}
