/**
 * The count of statements that wrote closes or provider betas: every kind of write to market_data and company_profiles
 * moves it once it commits (a binary COPY included), a rolled-back write and writes elsewhere do not, and pruning the
 * log never moves it.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "./client";
import { createPriceRows, appendPriceRow } from "./market-data/price-rows";
import { writeMarketData } from "./market-data/write-market-data";
import { pruneSymbolInputWrites, readSymbolInputWrites, SYMBOL_INPUT_WRITES_KEPT } from "./symbol-input-writes";
import { useTestDatabase } from "../testing/test-database";
import { insertTestPrices, insertTestProviderBeta } from "../testing/portfolio-fixtures";

const database = useTestDatabase();
let other: pg.Client;
beforeAll(async () => {
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
});

const writes = async () => Number((await readSymbolInputWrites(getPool())).split(":")[1]);

describe("readSymbolInputWrites", () => {
  it("moves with each committed statement that writes market_data or company_profiles, and with nothing else", async () => {
    let last = await writes();
    const moved = async () => {
      const now = await writes();
      expect(now).toBeGreaterThan(last);
      last = now;
    };
    await insertTestPrices({ AAA: { "2026-01-14": 50, "2026-01-15": 51 } }); // an upsert: insert and update triggers both fire
    await moved();
    const rows = createPriceRows();
    appendPriceRow(rows, "BBB", { date: "2026-01-15", open: null, high: null, low: null, close: 10, adjClose: null, volume: null });
    expect(await writeMarketData(rows, { dataSource: "simulated", mode: "insert" })).toBe(1); // binary COPY
    await moved();
    await getPool().query(`UPDATE market_data SET close = 51.5 WHERE symbol = 'AAA' AND date = '2026-01-15'`);
    await moved();
    await getPool().query(`DELETE FROM market_data WHERE symbol = 'BBB'`);
    await moved();
    await insertTestProviderBeta("AAA", 1.2);
    await moved();
    await getPool().query(`UPDATE company_profiles SET beta = 1.3 WHERE symbol = 'AAA'`);
    await moved();
    await getPool().query(`TRUNCATE company_profiles`);
    await moved();

    // Other tables, and a write rolled back, leave it as it is.
    await getPool().query(`INSERT INTO symbol_universe (symbol) VALUES ('CCC') ON CONFLICT DO NOTHING`);
    await other.query("BEGIN");
    await other.query(`UPDATE market_data SET close = 99 WHERE symbol = 'AAA'`);
    await other.query("ROLLBACK");
    expect(await writes()).toBe(last);
  });

  it("counts a write only once it commits: an open transaction's write is not yet seen", async () => {
    const start = await writes();
    await other.query("BEGIN");
    await other.query(`UPDATE market_data SET close = 52 WHERE symbol = 'AAA' AND date = '2026-01-14'`);
    expect(await writes()).toBe(start);
    await other.query("COMMIT");
    expect(await writes()).toBe(start + 1);
  });

  it("pruning keeps the newest rows and the total: the count never moves back", async () => {
    await getPool().query(`INSERT INTO symbol_input_writes SELECT FROM generate_series(1, $1)`, [SYMBOL_INPUT_WRITES_KEPT + 700]);
    const before = await writes();
    expect(await pruneSymbolInputWrites(getPool())).toBeGreaterThanOrEqual(700);
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM symbol_input_writes`);
    expect(rows[0].n).toBe(SYMBOL_INPUT_WRITES_KEPT);
    expect(await writes()).toBe(before);
    await getPool().query(`UPDATE market_data SET close = 53 WHERE symbol = 'AAA'`);
    expect(await writes()).toBe(before + 1);
  });

  it("prunes on its own once the log holds twice what it keeps", async () => {
    await getPool().query(`INSERT INTO symbol_input_writes SELECT FROM generate_series(1, $1)`, [2 * SYMBOL_INPUT_WRITES_KEPT + 1]);
    const total = Number((await getPool().query(
      `SELECT (SELECT statements FROM symbol_input_writes_pruned) + (SELECT count(*) FROM symbol_input_writes) AS n`)).rows[0].n);
    expect(await writes()).toBe(total);
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM symbol_input_writes`);
    expect(rows[0].n).toBe(SYMBOL_INPUT_WRITES_KEPT);
    expect(await writes()).toBe(total);
  });
});
