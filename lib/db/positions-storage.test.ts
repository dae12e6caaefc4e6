/**
 * The storage of positions after the migrations: fillfactor 40, applied to rows that existed before the migration
 * too, so that Phase 4's refresh of every row (all rows of a page in one transaction) is HOT: same page, no index
 * writes.
 */
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { listMigrationFiles, migrateDatabase } from "./migrate";
import { refreshPositions, type PositionRefresh } from "./portfolio-pnl-writes";

const REWRITE_MIGRATION = "20261203200000_positions_fillfactor_rewrite";
const PORTFOLIOS = 12;
const POSITIONS_PER_PORTFOLIO = 25;

/** Updates of positions counted by this session and not yet flushed to the statistics (so: read before and after). */
async function updateCounts(client: pg.Client): Promise<{ updated: number; hot: number }> {
  const counts = await client.query<{ n_tup_upd: string; n_tup_hot_upd: string }>(
    `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'positions'`,
  );
  return { updated: Number(counts.rows[0].n_tup_upd), hot: Number(counts.rows[0].n_tup_hot_upd) };
}

describe("positions storage", () => {
  let database: TestDatabase;
  let client: pg.Client;
  let positions: { id: string; portfolio_id: string }[];

  beforeAll(async () => {
    // An empty database, migrated up to just before the rewrite, holding a book written at the earlier fillfactor.
    database = await createTestDatabase("template0");
    const before = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
    for (const file of listMigrationFiles().filter((migration) => migration.name < REWRITE_MIGRATION)) {
      cpSync(path.resolve("prisma/migrations", file.name), path.join(before, file.name), { recursive: true });
    }
    await migrateDatabase(database.url, before);
    rmSync(before, { recursive: true, force: true });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const userId = randomUUID();
    await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'storage@example.test', 'Storage', 'x')`, [userId]);
    await client.query(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       SELECT gen_random_uuid(), $1, 'Storage ' || i, 1000000, 1000000, '2025-06-02' FROM generate_series(1, $2) AS i`,
      [userId, PORTFOLIOS],
    );
    // As a new book: positions priced by no refresh yet (the refresh makes every row longer).
    await client.query(
      `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class)
       SELECT gen_random_uuid(), p.id, 'SYM' || k, 'LONG', 400, 50, '2025-06-02', 'PUBLIC'
         FROM portfolios p CROSS JOIN generate_series(1, $1) AS k`,
      [POSITIONS_PER_PORTFOLIO],
    );
    expect((await migrateDatabase(database.url)).applied).toContain(REWRITE_MIGRATION);
    positions = (await client.query<{ id: string; portfolio_id: string }>(`SELECT id, portfolio_id FROM positions`)).rows;
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("has fillfactor 40 on positions", async () => {
    const options = await client.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = 'positions'::regclass`);
    expect(options.rows[0].reloptions).toEqual(["fillfactor=40"]);
  });

  it("keeps the rows written before the migration, at most 40% of each page full", async () => {
    expect(positions).toHaveLength(PORTFOLIOS * POSITIONS_PER_PORTFOLIO);
    // Free space per page from the rows' line pointers and sizes: every page of the rewritten table keeps ≥ 55% free.
    const pages = await client.query<{ used_bytes: string }>(
      `SELECT sum(pg_column_size(p.*) + 4) AS used_bytes FROM positions p GROUP BY (ctid::text::point)[0]`,
    );
    expect(pages.rows.length).toBeGreaterThan(1);
    for (const page of pages.rows) expect(Number(page.used_bytes)).toBeLessThan(0.45 * 8192);
  });

  it("makes two consecutive refreshes of every position HOT updates, with the values written", async () => {
    const portfolioIds = [...new Set(positions.map((position) => position.portfolio_id))];
    for (const [day, price] of [[1, 51.25], [2, 49.5]] as const) {
      const refreshes: PositionRefresh[] = positions.map((position) => ({
        positionId: position.id, lastPrice: price, marketValue: 400 * price, unrealizedPnl: 400 * (price - 50),
      }));
      await client.query("BEGIN");
      const before = await updateCounts(client);
      expect(await refreshPositions(client as unknown as pg.PoolClient, refreshes, portfolioIds)).toBe(positions.length);
      const after = await updateCounts(client);
      await client.query("COMMIT");
      expect({ day, updated: after.updated - before.updated, hot: after.hot - before.hot })
        .toEqual({ day, updated: positions.length, hot: positions.length });
      const stored = await client.query<{ last_price: string; market_value: string; unrealized_pnl: string; rows: string }>(
        `SELECT last_price, market_value, unrealized_pnl, count(*) AS rows FROM positions GROUP BY 1, 2, 3`,
      );
      expect(stored.rows).toEqual([{
        last_price: price.toFixed(4), market_value: (400 * price).toFixed(2), unrealized_pnl: (400 * (price - 50)).toFixed(2),
        rows: String(positions.length),
      }]);
    }
  });
});
