import { describe, expect, it } from "vitest";
import { BinaryCopyWriter } from "./binary-copy-writer";
import { readBinaryCopy } from "./binary-copy-reader";

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
