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

/** The decimal digits of |value| as JavaScript prints it, and where the decimal point sits among them. */
function decimalDigits(value: number): { digits: string; point: number } {
  const text = String(Math.abs(value));
  const exponentAt = text.indexOf("e");
  const mantissa = exponentAt < 0 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt < 0 ? 0 : Number(text.slice(exponentAt + 1));
  const dot = mantissa.indexOf(".");
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + exponent;
  const leading = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(leading);
  point -= leading;
  return { digits: digits.replace(/0+$/, ""), point };
}

export class BinaryCopyWriter {
  private buffer: Buffer;
  private view: DataView;
  private at = HEADER_BYTES;
  rows = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
    SIGNATURE.copy(this.buffer, 0);
    this.view.setInt32(11, 0);
    this.view.setInt32(15, 0);
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
    const { digits, point } = decimalDigits(value);
    const scale = Math.max(0, digits.length - point);
    // Base-10000 groups aligned on the decimal point: pad the integer digits left and the fraction digits right.
    const integer = point > 0 ? digits.slice(0, point).padEnd(point, "0") : "";
    const fraction = point >= 0 ? digits.slice(point) : "0".repeat(-point) + digits;
    const integerPadded = integer.padStart(Math.ceil(integer.length / 4) * 4, "0");
    const fractionPadded = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, "0");
    const all = integerPadded + fractionPadded;
    const groups: number[] = [];
    for (let i = 0; i < all.length; i += 4) groups.push(Number(all.slice(i, i + 4)));
    let weight = integerPadded.length / 4 - 1;
    let first = 0;
    while (first < groups.length && groups[first] === 0) {
      first += 1;
      weight -= 1;
    }
    let last = groups.length - 1;
    while (last >= first && groups[last] === 0) last -= 1;
    const count = Math.max(0, last - first + 1);
    this.ensure(12 + 2 * count);
    this.view.setInt32(this.at, 8 + 2 * count);
    this.view.setInt16(this.at + 4, count);
    this.view.setInt16(this.at + 6, count === 0 ? 0 : weight);
    this.view.setUint16(this.at + 8, count === 0 || value >= 0 ? 0 : NUMERIC_NEGATIVE);
    this.view.setInt16(this.at + 10, scale);
    let at = this.at + 12;
    for (let i = first; i <= last; i += 1) {
      this.view.setInt16(at, groups[i]);
      at += 2;
    }
    this.at = at;
    return this;
  }

  /** The payload so far with the trailer; the writer can be reused afterwards (it starts a new payload). */
  finish(): Buffer {
    this.ensure(2);
    this.view.setInt16(this.at, -1);
    const payload = Buffer.from(this.buffer.subarray(0, this.at + 2));
    this.at = HEADER_BYTES;
    this.rows = 0;
    return payload;
  }

  /** Bytes written so far (to cut a stream into chunks). */
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
