import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "../testing/test-database";
import { BinaryCopyWriter, toPostgresDay } from "./binary-copy-writer";

const NUMBERS = [0, -0, 1, -1, 5, -5, 0.5, 10, 100, 10000, 1e-7, -2.5e-9, 0.1 + 0.2, 123.4567891234, -4.9999995, 4.0000005, 0.0000005, 1e21, 1.25e22, 99999.99999949, 1 / 3, 0.00012, 1234.5, 2e-20];

describe("BinaryCopyWriter", () => {
  const client = useTestDatabaseClient();

  it("stores every field as the text path does (numerics rounded by the column's scale the same way)", async () => {
    await client.query(`CREATE TABLE copy_probe (k int, label text, n6 numeric(30,6), n numeric, f float8, d date, b bool)`);
    await client.query(`CREATE TABLE text_probe (LIKE copy_probe)`);
    const writer = new BinaryCopyWriter(32);
    NUMBERS.forEach((value, k) => {
      writer.row(7).int4(k).text(k % 2 ? "é-label" : null).numeric(value).numeric(value).float8(value).date("2026-01-30").bool(k % 3 === 0);
    });
    writer.row(7).int4(99).text("nulls").numeric(null).numeric(null).float8(Number.NaN).date(null).bool(false);
    expect(writer.rows).toBe(NUMBERS.length + 1);
    const pieces = [writer.take()];
    writer.row(7).int4(100).text("after a take").numeric(0).numeric(0).float8(0).date("2000-01-01").bool(true);
    pieces.push(writer.finish());
    await pipeline(Readable.from(pieces), client.query(copyFrom("COPY copy_probe FROM STDIN (FORMAT binary)")));
    await client.query(
      `INSERT INTO text_probe SELECT k - 1, CASE WHEN (k - 1) % 2 = 1 THEN 'é-label' END, v, v, NULL, '2026-01-30', (k - 1) % 3 = 0
         FROM unnest($1::numeric[]) WITH ORDINALITY AS t(v, k)`,
      [NUMBERS],
    );
    const read = (table: string) => client.query(`SELECT k, label, n6::text, n::text, d::text, b FROM ${table} WHERE k < 99 ORDER BY k`);
    expect((await read("copy_probe")).rows).toEqual((await read("text_probe")).rows);
    const floats = (await client.query(`SELECT f FROM copy_probe WHERE k < 99 ORDER BY k`)).rows.map((row) => row.f);
    expect(floats).toEqual(NUMBERS);
    const nulls = (await client.query(`SELECT label, n6, n, f, d, b FROM copy_probe WHERE k = 99`)).rows[0];
    expect(nulls).toEqual({ label: "nulls", n6: null, n: null, f: null, d: null, b: false });
    const taken = (await client.query(`SELECT label, n::text, d::text, b FROM copy_probe WHERE k = 100`)).rows[0];
    expect(taken).toEqual({ label: "after a take", n: "0", d: "2000-01-01", b: true });
  });

  it("refuses a non-finite numeric and starts a new payload after finish", () => {
    const writer = new BinaryCopyWriter();
    expect(() => writer.row(1).numeric(Number.POSITIVE_INFINITY)).toThrow("BinaryCopyWriter.numeric requires a finite value, got Infinity");
    writer.finish();
    expect(writer.rows).toBe(0);
    expect(writer.size).toBe(19);
    expect(writer.take()).toHaveLength(19);
    expect(writer.size).toBe(0);
    expect(toPostgresDay("2000-01-01")).toBe(0);
    expect(toPostgresDay("1999-12-31")).toBe(-1);
  });
});
