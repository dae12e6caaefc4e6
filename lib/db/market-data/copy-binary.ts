/**
 * PostgreSQL binary COPY encoding of market_data rows. Formatting a million doubles as text costs seconds of
 * JavaScript; binary NUMERIC is built from base-10000 integer groups, and the server skips text parsing too.
 * Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4 (NUMERIC as in numeric_send).
 */
import type { DailyBar } from "../../market-data/types";
import type { PriceRows } from "./price-rows";

export const BINARY_COPY_COLUMNS = "symbol, date, open, high, low, close, adj_close, volume, data_source";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const FIELDS = 9;
/** Upper bound per row: 2 + symbol/source (4 + 32 each) + date 8 + 5 × numeric (4 + 8 + 6 × 2) + volume 12. */
const MAX_ROW_BYTES = 2 + 36 + 36 + 8 + 5 * 24 + 12;
const POSTGRES_EPOCH_DAY = Date.UTC(2000, 0, 1) / 86_400_000;

const dayCache = new Map<string, number>();

function postgresDay(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    day = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 - POSTGRES_EPOCH_DAY;
    dayCache.set(iso, day);
  }
  return day;
}

/** Scratch base-10000 groups: up to 4 integer groups (values < 1e16) and 2 fraction groups. */
const digits = new Int32Array(6);

/** Writes a non-negative value rounded to `fractionGroups` × 4 decimals as a binary NUMERIC field; returns the new offset. */
function writeNumeric(view: DataView, offset: number, value: number, fractionGroups: 1 | 2): number {
  const scale = fractionGroups === 1 ? 1e4 : 1e8;
  let whole = Math.floor(value);
  let fraction = Math.round((value - whole) * scale);
  if (fraction >= scale) {
    whole += 1;
    fraction -= scale;
  }
  if (whole < 2_147_483_648) {
    // Integer arithmetic (the usual case): a double's % and floor-divide cost far more than an int's.
    const small = whole | 0;
    digits[0] = 0;
    digits[1] = (small / 100_000_000) | 0;
    digits[2] = ((small / 10_000) | 0) % 10_000;
    digits[3] = small % 10_000;
  } else {
    digits[0] = Math.floor(whole / 1e12) % 10_000;
    digits[1] = Math.floor(whole / 1e8) % 10_000;
    digits[2] = Math.floor(whole / 1e4) % 10_000;
    digits[3] = whole % 10_000;
  }
  if (fractionGroups === 2) {
    digits[4] = (fraction / 10_000) | 0;
    digits[5] = fraction % 10_000;
  } else {
    digits[4] = fraction;
  }
  let first = 0;
  let last = 3 + fractionGroups;
  while (first <= last && digits[first] === 0) first += 1;
  while (last >= first && digits[last] === 0) last -= 1;
  const count = last - first + 1;
  view.setInt32(offset, 8 + 2 * count);
  view.setInt16(offset + 4, count);
  view.setInt16(offset + 6, count === 0 ? 0 : 3 - first);
  view.setUint16(offset + 8, 0);
  view.setInt16(offset + 10, fractionGroups * 4);
  let at = offset + 12;
  for (let i = first; i <= last; i += 1) {
    view.setInt16(at, digits[i]);
    at += 2;
  }
  return at;
}

function writeNullableNumeric(view: DataView, offset: number, value: number | null, fractionGroups: 1 | 2): number {
  if (value !== null) return writeNumeric(view, offset, value, fractionGroups);
  view.setInt32(offset, -1);
  return offset + 4;
}

function writeAscii(buffer: Buffer, view: DataView, offset: number, text: string): number {
  const length = buffer.write(text, offset + 4, "latin1");
  view.setInt32(offset, length);
  return offset + 4 + length;
}

/** A short ASCII field from its prepared bytes: a byte loop beats a native write call for a handful of bytes. */
function writeBytes(buffer: Buffer, view: DataView, offset: number, bytes: Uint8Array): number {
  view.setInt32(offset, bytes.length);
  for (let i = 0; i < bytes.length; i += 1) buffer[offset + 4 + i] = bytes[i];
  return offset + 4 + bytes.length;
}

function writeVolume(view: DataView, at: number, volume: number | null): number {
  if (volume === null) {
    view.setInt32(at, -1);
    return at + 4;
  }
  view.setInt32(at, 8);
  view.setInt32(at + 4, Math.floor(volume / 4_294_967_296));
  view.setUint32(at + 8, volume >>> 0);
  return at + 12;
}

function writeHeader(buffer: Buffer, view: DataView): number {
  SIGNATURE.copy(buffer, 0);
  view.setInt32(11, 0);
  view.setInt32(15, 0);
  return 19;
}

/** One complete binary COPY payload (header, rows [start, end), trailer). */
export function encodeBinaryCopy(rows: PriceRows, dataSource: string, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(19 + (end - start) * MAX_ROW_BYTES + 2);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = writeHeader(buffer, view);
  for (let i = start; i < end; i += 1) {
    view.setInt16(at, FIELDS);
    at = writeAscii(buffer, view, at + 2, rows.symbols[i]);
    view.setInt32(at, 4);
    view.setInt32(at + 4, postgresDay(rows.dates[i]));
    at = writeNullableNumeric(view, at + 8, rows.opens[i], 1);
    at = writeNullableNumeric(view, at, rows.highs[i], 1);
    at = writeNullableNumeric(view, at, rows.lows[i], 1);
    at = writeNumeric(view, at, rows.closes[i], 1);
    at = writeNullableNumeric(view, at, rows.adjCloses[i], 2);
    at = writeVolume(view, at, rows.volumes[i]);
    at = writeAscii(buffer, view, at, dataSource);
  }
  view.setInt16(at, -1);
  return buffer.subarray(0, at + 2);
}

/** A symbol's bars as the fetch returned them: the writer keeps these, not a copy of every field. */
export interface SymbolBars {
  symbol: string;
  bars: readonly DailyBar[];
}

/**
 * One complete binary COPY payload straight from the fetched bars (no intermediate row arrays), the same bytes
 * {@link encodeBinaryCopy} gives for the same rows. Volumes are rounded to whole shares as appendPriceRow does.
 */
export function encodeBarsCopy(batches: readonly SymbolBars[], dataSource: string): Buffer {
  let rows = 0;
  for (const batch of batches) rows += batch.bars.length;
  const buffer = Buffer.allocUnsafe(19 + rows * MAX_ROW_BYTES + 2);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const source = Buffer.from(dataSource, "latin1");
  let at = writeHeader(buffer, view);
  for (const { symbol, bars } of batches) {
    const symbolBytes = Buffer.from(symbol, "latin1");
    for (const bar of bars) {
      view.setInt16(at, FIELDS);
      at = writeBytes(buffer, view, at + 2, symbolBytes);
      view.setInt32(at, 4);
      view.setInt32(at + 4, postgresDay(bar.date));
      at = writeNullableNumeric(view, at + 8, bar.open, 1);
      at = writeNullableNumeric(view, at, bar.high, 1);
      at = writeNullableNumeric(view, at, bar.low, 1);
      at = writeNumeric(view, at, bar.close, 1);
      at = writeNullableNumeric(view, at, bar.adjClose, 2);
      at = writeVolume(view, at, bar.volume === null ? null : Math.round(bar.volume));
      at = writeBytes(buffer, view, at, source);
    }
  }
  view.setInt16(at, -1);
  return buffer.subarray(0, at + 2);
}
