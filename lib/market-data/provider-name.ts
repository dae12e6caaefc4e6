/**
 * Which market-data provider is configured (MARKET_DATA_PROVIDER = simulated (default) | yahoo). Kept apart from the
 * provider classes so pages can ask without loading them.
 */
import type { ProviderName } from "./types";

export const MARKET_DATA_PROVIDERS: readonly ProviderName[] = ["simulated", "yahoo"];

type Env = Record<string, string | undefined>;

/** The configured provider's name: the one answer to "is market data simulated?" for the batch and every page. */
export function getMarketDataProviderName(env: Env = process.env): ProviderName {
  const raw = env.MARKET_DATA_PROVIDER?.trim().toLowerCase() || "simulated";
  if ((MARKET_DATA_PROVIDERS as readonly string[]).includes(raw)) return raw as ProviderName;
  throw new Error(
    `MARKET_DATA_PROVIDER must be one of ${MARKET_DATA_PROVIDERS.join(", ")}, got ${JSON.stringify(env.MARKET_DATA_PROVIDER)}`,
  );
}
