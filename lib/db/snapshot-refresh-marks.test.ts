import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";
import { getPool } from "./client";
import { readSnapshotTotals } from "./portfolio-ledger";
import { markRefreshed, type RefreshPair } from "./snapshot-refresh-marks";

// A book of 4,000 portfolios × 3 dates; a chunk touches 500 of them. What a chunk's statements read must follow the
// chunk, not the table (R39): joined on unnest() alone, the planner hashed every snapshot of the table per chunk.
const DATES = ["2026-02-10", "2026-02-11", "2026-02-12"];
const PORTFOLIOS = 4_000;
const CHUNK = 500;
useTestDatabase();
let client: pg.PoolClient; // the pool's parsers: ISO dates and numbers, as the phases read them
let ids: string[];

afterAll(() => client?.release());

beforeAll(async () => {
  client = await getPool().connect();
  const user = "00000000-0000-4000-8000-000000000001";
  await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'marks@example.test', 'Marks', 'x')`, [user]);
  const portfolios = await client.query<{ id: string }>(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
     SELECT gen_random_uuid(), $1, 'p' || g, 1000, 1000, '2026-01-02' FROM generate_series(1, $2::int) g RETURNING id`,
    [user, PORTFOLIOS],
  );
  ids = portfolios.rows.map((row) => row.id).sort();
  await client.query(
    `INSERT INTO portfolio_snapshots (id, portfolio_id, snapshot_date, equity_balance, cumulative_pnl, is_complete, revision)
     SELECT gen_random_uuid(), p, d, 1000 + k, k, true, 3 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(p, k) CROSS JOIN unnest($2::date[]) d`,
    [ids, DATES],
  );
  await client.query(`ANALYZE portfolio_snapshots`);
});

/**
 * Rows of portfolio_snapshots that `work`'s statements read (sequential and index scans), in a transaction that
 * `check` may inspect before it is rolled back. The per-transaction counters can still hold earlier transactions'
 * unflushed counts, so the reads are the counters' difference across `work`.
 */
async function snapshotRowsRead(work: () => Promise<void>, check: () => Promise<void> = async () => {}): Promise<number> {
  const rowsRead = async () => Number((await client.query<{ read: string }>(
    `SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) AS read FROM pg_stat_xact_user_tables WHERE relname = 'portfolio_snapshots'`)).rows[0].read);
  await client.query("BEGIN");
  try {
    const before = await rowsRead();
    await work();
    const read = (await rowsRead()) - before;
    await check();
    return read;
  } finally {
    await client.query("ROLLBACK");
  }
}

const chunkPairs = (date: string, from: number): RefreshPair[] =>
  ids.slice(from, from + CHUNK).map((portfolioId) => ({ portfolioId, date, revision: 3 }));

describe("a chunk's snapshot statements read the chunk's rows, not the table's", () => {
  it("markRefreshed marks exactly its pairs, on every date they name, reading about as many rows", async () => {
    const pairs = [...chunkPairs("2026-02-12", 0), ...chunkPairs("2026-02-10", 0).slice(0, 20)];
    let marked: { snapshot_date: string; n: number }[] = [];
    const read = await snapshotRowsRead(() => markRefreshed(client, "exposures", pairs), async () => {
      marked = (await client.query<{ snapshot_date: string; n: number }>(
        `SELECT snapshot_date, count(*)::int AS n FROM portfolio_snapshots WHERE exposures_revision = 3 GROUP BY 1 ORDER BY 1`)).rows;
    });
    expect(marked).toEqual([{ snapshot_date: "2026-02-10", n: 20 }, { snapshot_date: "2026-02-12", n: CHUNK }]);
    expect(read).toBeLessThanOrEqual(2 * pairs.length); // of the table's 12,000
  });

  it("a revision that moved on is not marked", async () => {
    let markedRows = -1;
    await snapshotRowsRead(() => markRefreshed(client, "stress", [{ portfolioId: ids[0], date: "2026-02-11", revision: 2 }]), async () => {
      markedRows = (await client.query(`SELECT count(*)::int AS n FROM portfolio_snapshots WHERE stress_revision IS NOT NULL`)).rows[0].n;
    });
    expect(markedRows).toBe(0);
  });

  it("readSnapshotTotals returns its pairs' totals reading about as many rows", async () => {
    const pairs = chunkPairs("2026-02-11", CHUNK);
    let totals = new Map<string, { equity: number; cumulativePnl: number }>();
    const read = await snapshotRowsRead(async () => {
      totals = await readSnapshotTotals(client, pairs);
    });
    expect(totals.size).toBe(CHUNK);
    const k = CHUNK + 1; // the first pair's ordinality in the seeded book
    expect(totals.get(`${ids[CHUNK]}|2026-02-11`)).toMatchObject({ equity: 1000 + k, cumulativePnl: k });
    expect(read).toBeLessThanOrEqual(2 * pairs.length);
  });
});
