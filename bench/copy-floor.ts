/**
 * The floors the bench measures its figures against, on the same database and row shapes: reading rows with
 * `COPY … TO STDOUT (FORMAT binary)` and writing the rows a phase wrote with `COPY … FROM STDIN (FORMAT binary)`.
 * Nothing a phase can do moves those rows faster, so a phase's time over its floor says how much is not I/O.
 */
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { getPool } from "../lib/db/client";

/** A table's rows selected by `where` (trusted SQL from the bench), saved to `file` in binary COPY form. */
export interface DumpedRows {
  table: string;
  file: string;
  rows: number;
  bytes: number;
}

/** Saves the rows a phase wrote (`SELECT * FROM table WHERE …`) to a file, for the floor to COPY back. */
export async function dumpRows(table: string, where: string, file: string): Promise<DumpedRows> {
  const client = await getPool().connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
    await pipeline(client.query(copyTo(`COPY (SELECT * FROM ${table} WHERE ${where}) TO STDOUT (FORMAT binary)`)), createWriteStream(file));
    return { table, file, rows: rows[0].n, bytes: statSync(file).size };
  } finally {
    client.release();
  }
}

/** Reads the result of `query` in binary COPY form and throws the bytes away; returns how many were read. */
export async function readRows(query: string, client?: pg.PoolClient): Promise<number> {
  const own = client ?? (await getPool().connect());
  let bytes = 0;
  try {
    await pipeline(own.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`)), new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }));
    return bytes;
  } finally {
    if (!client) own.release();
  }
}

/** COPYs a dump back into its table (on a database that does not hold those rows yet). */
export async function copyRowsBack(dump: DumpedRows, client?: pg.PoolClient): Promise<void> {
  const own = client ?? (await getPool().connect());
  try {
    await pipeline(createReadStream(dump.file), own.query(copyFrom(`COPY ${dump.table} FROM STDIN (FORMAT binary)`)));
  } finally {
    if (!client) own.release();
  }
}

/** Seconds of `work`, measured with the wall clock. */
export async function timeSeconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}
