import { z } from "./zod";

/** The last close of a listed ticker, as the onboarding form's entry-price check reads it. */
export interface LastCloseDto { symbol: string; date: string; close: number; source: "stored" | "simulated" }

export const lastClosesQuerySchema = z.object({
  symbols: z.string().max(2_000, "symbols is too long").optional()
    .transform((raw) => (raw ?? "").split(",").map((symbol) => symbol.trim()).filter((symbol) => symbol !== "")),
});

/** An entry price more than this many times away from the last close (either way) gets a warning, not a refusal. */
export const ENTRY_PRICE_WARNING_RATIO = 5;

/**
 * The warning for an entry price far from the last close, or null when it is within 5× either way (or unknown).
 * Splits and typos both land here, so it warns and lets the user decide.
 */
export function describeEntryPriceWarning(symbol: string, entryPrice: number, last: { close: number; date: string } | undefined): string | null {
  if (!last || !(entryPrice > 0) || !(last.close > 0)) return null;
  const ratio = entryPrice / last.close;
  if (ratio <= ENTRY_PRICE_WARNING_RATIO && ratio >= 1 / ENTRY_PRICE_WARNING_RATIO) return null;
  const times = ratio > 1 ? ratio : 1 / ratio;
  return `${symbol}: entry price ${entryPrice} is ${times.toFixed(1)}× ${ratio > 1 ? "above" : "below"} the last close ${last.close.toFixed(2)} (${last.date}). Check it (a split, or a typo?); it is accepted as typed.`;
}
