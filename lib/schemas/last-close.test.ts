import { describe, expect, it } from "vitest";
import { describeEntryPriceWarning, lastClosesQuerySchema } from "./last-close";

const LAST = { close: 420, date: "2026-11-30" };

describe("entry-price warning", () => {
  it("warns (never refuses) when the entry price is more than 5× away from the last close, either way", () => {
    expect(describeEntryPriceWarning("MSFT", 42, LAST)).toBe(
      "MSFT: entry price 42 is 10.0× below the last close 420.00 (2026-11-30). Check it (a split, or a typo?); it is accepted as typed.");
    expect(describeEntryPriceWarning("MSFT", 4_200, LAST)).toMatch(/^MSFT: entry price 4200 is 10\.0× above the last close 420\.00/);
    expect(describeEntryPriceWarning("MSFT", 2_101, LAST)).toMatch(/5\.0× above/);
  });

  it("is quiet within 5× (boundaries included), without a last close, or for a price not yet typed", () => {
    for (const price of [84, 420, 298, 2_100]) expect(describeEntryPriceWarning("MSFT", price, LAST)).toBeNull();
    expect(describeEntryPriceWarning("UBER", 1, undefined)).toBeNull();
    expect(describeEntryPriceWarning("MSFT", Number.NaN, LAST)).toBeNull();
    expect(describeEntryPriceWarning("MSFT", 0, LAST)).toBeNull();
  });

  it("reads the symbols of the last-closes query", () => {
    expect(lastClosesQuerySchema.parse({ symbols: " MSFT, uber,,ZZZZ9 " })).toEqual({ symbols: ["MSFT", "uber", "ZZZZ9"] });
    expect(lastClosesQuerySchema.parse({})).toEqual({ symbols: [] });
  });
});
