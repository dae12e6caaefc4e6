import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type pg from "pg";
import { getPool } from "../db/client";
import { loadCloseHistory, loadProviderBetas } from "../db/portfolio-pnl-inputs";
import { useTestDatabase } from "../testing/test-database";
import { insertTestPrices, insertTestProviderBeta } from "../testing/portfolio-fixtures";
import { clearSharedSymbolInputs, loadSymbolInputs } from "./shared-symbol-inputs";

const D1 = "2026-01-14";
const D2 = "2026-01-15";
const D3 = "2026-01-16";

/** The pool, counting the statements that read closes of a range by symbol (what sharing saves). */
function countingDb(): { db: Pick<pg.PoolClient, "query">; rangeReads: () => number } {
  let reads = 0;
  const pool = getPool();
  const db = {
    query: ((text: string, values?: unknown[]) => {
      if (text.includes("date BETWEEN $2 AND $3")) reads += 1;
      return pool.query(text, values);
    }) as pg.PoolClient["query"],
  };
  return { db, rangeReads: () => reads };
}

/** What a chunk reading its own inputs gets. */
async function ownRead(symbols: string[], from: string, to: string) {
  const [closes, providerBetas] = await Promise.all([loadCloseHistory(getPool(), symbols, from, to), loadProviderBetas(getPool(), symbols)]);
  return { closes, providerBetas };
}

useTestDatabase();
beforeAll(async () => {
  await insertTestPrices({
    AAA: { [D1]: 50, [D2]: 52, [D3]: 51 },
    BBB: { [D1]: 40 }, // carried into a range starting on D2
    DDD: { [D2]: 10, [D3]: 11 },
  });
  await insertTestProviderBeta("AAA", 1.1);
  await insertTestProviderBeta("DDD", 0.7);
});
beforeEach(() => clearSharedSymbolInputs());

describe("loadSymbolInputs (the portfolio phases' symbol inputs shared across chunks)", () => {
  it("gives every chunk exactly what its own read gives, reading each symbol once", async () => {
    const { db, rangeReads } = countingDb();
    const first = await loadSymbolInputs(db, ["AAA", "BBB"], D2, D3);
    expect(first).toEqual(await ownRead(["AAA", "BBB"], D2, D3));
    expect(first.closes.get("BBB")).toEqual([{ date: D1, close: 40 }]);
    expect(first.closes.get("AAA")).toEqual([{ date: D2, close: 52 }, { date: D3, close: 51 }]);
    expect(first.providerBetas).toEqual(new Map([["AAA", 1.1]]));
    expect(rangeReads()).toBe(1);

    const second = await loadSymbolInputs(db, ["AAA", "CCC", "DDD"], D2, D3);
    expect(second).toEqual(await ownRead(["AAA", "CCC", "DDD"], D2, D3));
    expect([...second.closes.keys()].sort()).toEqual(["AAA", "DDD"]);
    expect(rangeReads()).toBe(2);

    // Nothing new to read: the third chunk is served from the shared rows.
    const third = await loadSymbolInputs(db, ["AAA", "BBB", "DDD"], D2, D3);
    expect(third).toEqual(await ownRead(["AAA", "BBB", "DDD"], D2, D3));
    expect(rangeReads()).toBe(2);
  });

  it("sees a close an onboarding adds, a close restated in place and a new provider beta between two chunks", async () => {
    const { db, rangeReads } = countingDb();
    await loadSymbolInputs(db, ["AAA", "CCC", "DDD"], D2, D3);
    expect(rangeReads()).toBe(1);

    await insertTestPrices({ CCC: { [D2]: 7, [D3]: 8 } });
    await getPool().query(`UPDATE market_data SET close = 51.5 WHERE symbol = 'AAA' AND date = $1`, [D3]);
    await insertTestProviderBeta("DDD", 0.75);

    const after = await loadSymbolInputs(db, ["AAA", "CCC", "DDD"], D2, D3);
    expect(after).toEqual(await ownRead(["AAA", "CCC", "DDD"], D2, D3));
    expect(after.closes.get("CCC")).toEqual([{ date: D2, close: 7 }, { date: D3, close: 8 }]);
    expect(after.closes.get("AAA")).toEqual([{ date: D2, close: 52 }, { date: D3, close: 51.5 }]);
    expect(after.providerBetas.get("DDD")).toBe(0.75);
    expect(rangeReads()).toBe(2);
  });

  it("reads the carried close afresh for every chunk: a backfilled earlier close counts", async () => {
    const { db } = countingDb();
    expect((await loadSymbolInputs(db, ["BBB"], D2, D3)).closes.get("BBB")).toEqual([{ date: D1, close: 40 }]);
    await getPool().query(`UPDATE market_data SET close = 41 WHERE symbol = 'BBB' AND date = $1`, [D1]);
    expect((await loadSymbolInputs(db, ["BBB"], D2, D3)).closes.get("BBB")).toEqual([{ date: D1, close: 41 }]);
  });
});
