/** COPY (text format) for the bulk writes of the portfolio phases (4–6). */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One field of a COPY … FROM STDIN (text format) line: backslash, tab, newline and CR escaped; null → \N. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One COPY text line (without its newline) of these field values, each escaped by copyField. */
export function copyLine(values: readonly (string | number | boolean | null)[]): string {
  return values.map(copyField).join("\t");
}

/** Characters (or bytes) per write to the COPY stream. */
export const COPY_BUFFER_CHARS = 1 << 20;

/**
 * Streams text-format lines (copyLine: fields escaped with copyField and joined by tabs, no trailing newline) through
 * `COPY … FROM STDIN` on the given connection; returns the number of rows copied. Measured ~3× faster than the same
 * rows as unnest() parameter arrays, whose client-side array-literal encoding and server-side parsing dominated.
 */
export async function copyTextRows(client: pg.PoolClient, copySql: string, lines: readonly string[]): Promise<number> {
  if (lines.length === 0) return 0;
  const buffers: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    current.push(line);
    size += line.length + 1;
    if (size >= COPY_BUFFER_CHARS) {
      buffers.push(`${current.join("\n")}\n`);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) buffers.push(`${current.join("\n")}\n`);
  return copyTextChunks(client, copySql, buffers, lines.length);
}

/** COPY text already in pieces (strings or UTF-8 bytes of whole lines, each ending in a newline) holding `rows` lines; returns the rows copied. */
export async function copyTextChunks(client: pg.PoolClient, copySql: string, chunks: readonly (string | Buffer)[], rows: number): Promise<number> {
  if (rows === 0) return 0;
  const stream = client.query(copyFrom(copySql));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount ?? rows;
}
