/**
 * Chooses the market-data provider from the environment: MARKET_DATA_PROVIDER = simulated (default) | yahoo,
 * SIMULATED_MARKET_SEED = integer seed of the simulated market (default 42).
 */
import { DEFAULT_SIMULATED_SEED } from "./simulated-market";
import { SimulatedProvider } from "./simulated-provider";
import { getMarketDataProviderName } from "./provider-name";
import type { MarketDataProvider } from "./types";
import { YahooProvider } from "./yahoo-provider";

export { getMarketDataProviderName };

type Env = Record<string, string | undefined>;

function parseSeed(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_SIMULATED_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`SIMULATED_MARKET_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}

export function getMarketDataProvider(env: Env = process.env): MarketDataProvider {
  return getMarketDataProviderName(env) === "simulated"
    ? new SimulatedProvider({ seed: parseSeed(env.SIMULATED_MARKET_SEED) })
    : new YahooProvider();
}
