import os from "node:os";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { useTestDatabaseClient } from "@/lib/testing/test-database";
import { dumpPriceRows, timeCopyBack, timePhase1 } from "./phase1";

describe("bench smoke test (correctness only; speed is npm run bench's)", () => {
  const client = useTestDatabaseClient();

  it("loads synthetic symbols with Phase 1, and the floor's dump COPYs back exactly the rows the phase wrote", async () => {
    const run = await timePhase1(20, "2026-03-13");
    expect(run.rows).toBe(20 * 252);
    const before = (await client.query(`SELECT symbol, date::text, close::text, adj_close::text, volume FROM market_data ORDER BY symbol, date`)).rows;
    const dumps = await dumpPriceRows(mkdtempSync(path.join(os.tmpdir(), "fw-bench-smoke-")));
    expect(dumps.reduce((sum, dump) => sum + dump.rows, 0)).toBe(run.rows);
    await getPool().query("TRUNCATE market_data");
    expect(await timeCopyBack(dumps, 2)).toBeGreaterThan(0);
    const after = (await client.query(`SELECT symbol, date::text, close::text, adj_close::text, volume FROM market_data ORDER BY symbol, date`)).rows;
    expect(after).toEqual(before);
  }, 120_000);
});
