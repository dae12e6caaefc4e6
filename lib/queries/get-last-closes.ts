import "server-only";
import { assertSignedIn, type Viewer } from "@/lib/auth/viewer";
import { getLastStoredCloses } from "@/lib/db/market-data/read-last-closes";
import { getMarketDataProvider } from "@/lib/market-data/get-provider";
import { getMarketDataProviderName } from "@/lib/market-data/provider-name";
import { latestCompletedTradingDay, previousTradingDay } from "@/lib/base/calendar";
import { isListedTickerSyntax, normalizeSymbol } from "@/lib/base/symbols";
import type { LastCloseDto } from "@/lib/schemas/last-close";

export const MAX_LAST_CLOSE_SYMBOLS = 50;

/**
 * The last close of each listed ticker, for the onboarding form's entry-price check: the stored close when there is
 * one, else (simulated market only, where it costs nothing) the simulated close. Private names are never looked up.
 */
export async function getLastCloses(viewer: Viewer | null, symbols: readonly string[], now = new Date()): Promise<LastCloseDto[]> {
  assertSignedIn(viewer);
  const asOf = latestCompletedTradingDay(now);
  const wanted = [...new Set(symbols.map(normalizeSymbol).filter(isListedTickerSyntax))].slice(0, MAX_LAST_CLOSE_SYMBOLS);
  const stored = await getLastStoredCloses(wanted, asOf);
  const closes: LastCloseDto[] = [...stored].map(([symbol, { date, close }]) => ({ symbol, date, close, source: "stored" }));
  const missing = wanted.filter((symbol) => !stored.has(symbol));
  if (missing.length > 0 && getMarketDataProviderName() === "simulated") {
    const provider = getMarketDataProvider();
    let from = asOf;
    for (let i = 0; i < 7; i += 1) from = previousTradingDay(from);
    for (const symbol of missing) {
      const result = await provider.fetchDailyBars(symbol, { from, to: asOf });
      const last = result.ok ? result.bars.at(-1) : undefined;
      if (last) closes.push({ symbol, date: last.date, close: last.close, source: "simulated" });
    }
  }
  return closes.sort((a, b) => a.symbol.localeCompare(b.symbol));
}
