/**
 * Rows in PostgreSQL's binary COPY format, field by field. Binary COPY skips formatting every number as text here
 * and parsing it again in the server: the bulk writers' fast path.
 * Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4 (each field as its type's *_send).
 */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const HEADER_BYTES = 19;
const POSTGRES_EPOCH_DAY = Date.UTC(2000, 0, 1) / 86_400_000;
const NUMERIC_NEGATIVE = 0x4000;

const dayCache = new Map<string, number>();

/** Days from 2000-01-01 (the binary form of a date) of an ISO date. */
export function toPostgresDay(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    day = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 - POSTGRES_EPOCH_DAY;
    dayCache.set(iso, day);
  }
  return day;
}

/** Decimal digits of the numeric being written (a double prints at most 17 significant digits, plus zeros). */
const digitScratch = new Int8Array(64);
/** Base-10000 groups of the numeric being written. */
const groupScratch = new Int16Array(96);
const POWERS_OF_TEN = [1, 10, 100, 1000];

/**
 * The significant decimal digits of |value| as JavaScript prints it (String(value), as node-postgres sends a number
 * as text), left in digitScratch[first, end); `point` is the count of digits before the decimal point (≤ 0 when
 * the value is below 0.1, past `end - first` for trailing integer zeros).
 */
function readDecimalDigits(value: number): { first: number; end: number; point: number } {
  const text = String(value < 0 ? -value : value);
  let end = 0;
  let point = -1;
  let exponent = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) point = end; // "."
    else if (code === 101) {
      exponent = Number(text.slice(i + 1)); // "e-7", "e+21"
      break;
    } else digitScratch[end++] = code - 48;
  }
  if (point < 0) point = end;
  let first = 0;
  while (first < end && digitScratch[first] === 0) first += 1;
  while (end > first && digitScratch[end - 1] === 0) end -= 1;
  return { first, end, point: point + exponent - first };
}

export class BinaryCopyWriter {
  private buffer: Buffer;
  private view: DataView;
  private at = 0;
  rows = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
    this.writeHeader();
  }

  private writeHeader(): void {
    SIGNATURE.copy(this.buffer, 0);
    this.view.setInt32(11, 0);
    this.view.setInt32(15, 0);
    this.at = HEADER_BYTES;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.view.setInt16(this.at, fields);
    this.at += 2;
    this.rows += 1;
    return this;
  }

  null(): this {
    this.ensure(4);
    this.view.setInt32(this.at, -1);
    this.at += 4;
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    this.ensure(4 + 3 * value.length);
    const length = this.buffer.write(value, this.at + 4, "utf8");
    this.view.setInt32(this.at, length);
    this.at += 4 + length;
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    this.ensure(8);
    this.view.setInt32(this.at, 4);
    this.view.setInt32(this.at + 4, value);
    this.at += 8;
    return this;
  }

  /** A double precision field; NaN and ±Infinity become NULL (nothing stores them meaningfully). */
  float8(value: number | null): this {
    if (value === null || !Number.isFinite(value)) return this.null();
    this.ensure(12);
    this.view.setInt32(this.at, 8);
    this.view.setFloat64(this.at + 4, value);
    this.at += 12;
    return this;
  }

  bool(value: boolean): this {
    this.ensure(5);
    this.view.setInt32(this.at, 1);
    this.buffer[this.at + 4] = value ? 1 : 0;
    this.at += 5;
    return this;
  }

  date(iso: string | null): this {
    return iso === null ? this.null() : this.int4(toPostgresDay(iso));
  }

  /**
   * A numeric field holding exactly the decimal JavaScript prints for `value` (String(value)), as node-postgres
   * sends a number as text: the server rounds it to the column's scale the same way in both paths.
   * @throws when the value is not finite (numeric NaN is never what a caller means).
   */
  numeric(value: number | null): this {
    if (value === null) return this.null();
    if (!Number.isFinite(value)) throw new Error(`BinaryCopyWriter.numeric requires a finite value, got ${value}`);
    const { first, end, point } = readDecimalDigits(value);
    const digits = end - first;
    if (digits === 0) return this.numericField(0, 0, 0, 0);
    // Digit i stands for digit × 10^(point − 1 − i); group g holds the powers 4g … 4g + 3 (base 10000, on the point).
    const weight = Math.floor((point - 1) / 4);
    const lowest = Math.floor((point - digits) / 4);
    const count = weight - lowest + 1;
    groupScratch.fill(0, 0, count);
    for (let i = 0; i < digits; i++) {
      const power = point - 1 - i;
      const group = Math.floor(power / 4);
      groupScratch[weight - group] += digitScratch[first + i] * POWERS_OF_TEN[power - 4 * group];
    }
    return this.numericField(count, weight, value < 0 ? NUMERIC_NEGATIVE : 0, Math.max(0, digits - point));
  }

  private numericField(count: number, weight: number, sign: number, scale: number): this {
    this.ensure(12 + 2 * count);
    this.view.setInt32(this.at, 8 + 2 * count);
    this.view.setInt16(this.at + 4, count);
    this.view.setInt16(this.at + 6, weight);
    this.view.setUint16(this.at + 8, sign);
    this.view.setInt16(this.at + 10, scale);
    for (let i = 0; i < count; i++) this.view.setInt16(this.at + 12 + 2 * i, groupScratch[i]);
    this.at += 12 + 2 * count;
    return this;
  }

  /**
   * The bytes written since the last take (the first take starts with the header): stream a large COPY in pieces and
   * end it with {@link finish}.
   */
  take(): Buffer {
    const piece = Buffer.from(this.buffer.subarray(0, this.at));
    this.at = 0;
    return piece;
  }

  /** The rest of the payload with the trailer; the writer then starts a new payload (header included). */
  finish(): Buffer {
    this.ensure(2);
    this.view.setInt16(this.at, -1);
    this.at += 2;
    const piece = this.take();
    this.writeHeader();
    this.rows = 0;
    return piece;
  }

  /** Bytes waiting to be taken. */
  get size(): number {
    return this.at;
  }

  private ensure(bytes: number): void {
    if (this.at + bytes + 2 <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes + 2));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}
