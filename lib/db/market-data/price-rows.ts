/**
 * Column arrays of market_data rows, the shape every bulk writer takes (COPY text or unnest arrays), so a phase
 * accumulates thousands of bars without building one object per row.
 */
import type { DailyBar } from "../../market-data/types";
export interface PriceRows {
  symbols: string[];
  dates: string[];
  opens: (number | null)[];
  highs: (number | null)[];
  lows: (number | null)[];
  closes: number[];
  adjCloses: (number | null)[];
  volumes: (number | null)[];
}

/** One bar to store: the provider interface's daily bar. */
export type PriceRowInput = DailyBar;

export function createPriceRows(): PriceRows {
  return { symbols: [], dates: [], opens: [], highs: [], lows: [], closes: [], adjCloses: [], volumes: [] };
}

export function appendPriceRow(rows: PriceRows, symbol: string, bar: PriceRowInput): void {
  rows.symbols.push(symbol);
  rows.dates.push(bar.date);
  rows.opens.push(bar.open);
  rows.highs.push(bar.high);
  rows.lows.push(bar.low);
  rows.closes.push(bar.close);
  rows.adjCloses.push(bar.adjClose);
  rows.volumes.push(bar.volume === null ? null : Math.round(bar.volume));
}

/** Rows [start, end) as a new PriceRows (arrays are sliced, not copied element by element). */
export function slicePriceRows(rows: PriceRows, start: number, end: number): PriceRows {
  return {
    symbols: rows.symbols.slice(start, end),
    dates: rows.dates.slice(start, end),
    opens: rows.opens.slice(start, end),
    highs: rows.highs.slice(start, end),
    lows: rows.lows.slice(start, end),
    closes: rows.closes.slice(start, end),
    adjCloses: rows.adjCloses.slice(start, end),
    volumes: rows.volumes.slice(start, end),
  };
}

export function countPriceRows(rows: PriceRows): number {
  return rows.symbols.length;
}
