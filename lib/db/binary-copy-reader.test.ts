import { describe, expect, it } from "vitest";
import { BinaryCopyWriter } from "./binary-copy-writer";
import { readBinaryCopy, selectBinaryRows, sqlTextArray } from "./binary-copy-reader";
import { getPool } from "./client";
import { useTestDatabaseClient } from "../testing/test-database";

async function* chunksOf(payload: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < payload.length; at += size) yield payload.subarray(at, at + size);
}

describe("readBinaryCopy", () => {
  const writer = new BinaryCopyWriter();
  for (let i = 0; i < 50; i++) writer.row(4).text(`SYM${i}`).int4(i - 25).float8(i / 7).date(i % 2 ? "2000-01-02" : null);
  const payload = writer.finish();

  it.each([1, 3, 7, 64, 100_000])("decodes every row whatever the chunking (%i-byte chunks)", async (size) => {
    const rows: unknown[] = [];
    const count = await readBinaryCopy(chunksOf(payload, size), (row) => {
      rows.push([row.fieldCount, row.text(0), row.int4(1), row.float8(2), row.isNull(3) ? null : row.epochDay(3)]);
    });
    expect(count).toBe(50);
    expect(rows[0]).toEqual([4, "SYM0", -25, 0, null]);
    expect(rows[49]).toEqual([4, "SYM49", 24, 7, 10_958]);
  });

  it("refuses a stream that is not binary COPY or ends inside a row", async () => {
    await expect(readBinaryCopy(chunksOf(Buffer.from("symbol\tdate\nAAA\t2026-01-30\n"), 8), () => undefined)).rejects.toThrow(
      "readBinaryCopy: not a binary COPY stream",
    );
    await expect(readBinaryCopy(chunksOf(payload.subarray(0, 40), 8), () => undefined)).rejects.toThrow(
      "readBinaryCopy: the stream ended inside a row",
    );
  });
});

describe("selectBinaryRows", () => {
  useTestDatabaseClient();

  it("gives the values the pool's text path gives: numerics to the same double, dates as ISO text, NULLs, quoted text", async () => {
    const values = `(VALUES ('12.345678'::numeric, DATE '1999-12-31', 'a"b\\c''d'), ('0.1', DATE '2026-02-28', 'Zürich'),
                            ('-987654321.0000001', NULL, NULL), ('3.14159265358979323846', DATE '2000-01-01', '{x,y}'))`;
    const viaText = await getPool().query<{ n: number; d: string | null; t: string | null }>(`SELECT n, d, t FROM ${values} AS v(n, d, t) ORDER BY n`);
    const viaCopy = await selectBinaryRows(getPool(), () => `SELECT n::float8, d, t FROM ${values} AS v(n, d, t) ORDER BY n`,
      (row) => ({ n: row.nullableFloat8(0), d: row.nullableIsoDate(1), t: row.nullableText(2) }));
    expect(viaCopy).toEqual(viaText.rows);
    expect(viaCopy.map((row) => row.d)).toEqual([null, "2026-02-28", "2000-01-01", "1999-12-31"]);
  });

  it("takes values into the COPY's SQL text only through escaping", async () => {
    const strange = [`Q"X\\'Y`, "{a,b}", "plain", ""];
    const rows = await selectBinaryRows(getPool(), (client) => `SELECT s FROM unnest(${sqlTextArray(client, strange)}::text[]) AS s`, (row) => row.text(0));
    expect(rows).toEqual(strange);
  });
});
