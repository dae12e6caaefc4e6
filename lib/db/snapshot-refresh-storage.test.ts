/**
 * The storage of portfolio snapshots after the migrations: no index names the exposure and stress marks and new pages
 * keep room for a second version of their rows, so that marking a date's snapshots (the exposure phase, then the
 * stress phase, each chunk in one transaction) is a HOT update; pending snapshots of any date are found through the
 * refresh queue, which triggers keep, and which the migration filled with the snapshots pending before it.
 */
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { listMigrationFiles, migrateDatabase } from "./migrate";
import { upsertSnapshots, type SnapshotValues } from "./portfolio-pnl-writes";
import { listRefreshPairs, markRefreshed, type RefreshPair, type RefreshStage } from "./snapshot-refresh-marks";

const QUEUE_MIGRATION = "20261204100000_snapshot_refresh_queue";
const PORTFOLIOS = 120;
const DAY_ONE = "2025-06-02";
const DAY_TWO = "2025-06-03";
const DAY_THREE = "2025-06-04";

/** Updates of snapshots counted by this session and not yet flushed to the statistics (so: read before and after). */
async function updateCounts(client: pg.Client): Promise<{ updated: number; hot: number }> {
  const counts = await client.query<{ n_tup_upd: string; n_tup_hot_upd: string }>(
    `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'portfolio_snapshots'`,
  );
  return { updated: Number(counts.rows[0].n_tup_upd), hot: Number(counts.rows[0].n_tup_hot_upd) };
}

function snapshot(portfolioId: string, date: string, equity: number): SnapshotValues {
  return {
    portfolioId, date, equity, cash: 1_000.25, longValue: equity - 1_000.25, shortValue: 0, gross: equity - 1_000.25, net: equity - 1_000.25,
    dailyPnl: 125.5, dailyReturn: 0.000125, cumulativePnl: 125.5, dailyRealized: 0, cumulativeRealized: 0, dailyFlow: 0, cumulativeFlow: 0,
    numPositions: 25, numLong: 25, numShort: 0, beta90d: 1.05, betaProvider: 0.98, hhi: 0.04, effectiveN: 25, top3: 0.12, top10: 0.4,
  };
}

describe("portfolio snapshot refresh storage", () => {
  let database: TestDatabase;
  let client: pg.Client;
  let portfolioIds: string[];
  const db = () => client as unknown as pg.PoolClient;

  async function inTransaction<T>(work: () => Promise<T>): Promise<T> {
    await client.query("BEGIN");
    try {
      const result = await work();
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  }

  /** One phase's lookup and marks for all portfolios in one transaction; the pairs and the marks' update counts. */
  async function refreshStage(calcDate: string, stage: RefreshStage): Promise<{ pairs: RefreshPair[]; updated: number; hot: number }> {
    return inTransaction(async () => {
      const pairs = await listRefreshPairs(db(), calcDate, portfolioIds, false, stage);
      const before = await updateCounts(client);
      await markRefreshed(db(), stage, pairs);
      const after = await updateCounts(client);
      return { pairs, updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
  }

  const queued = async () => (await client.query<{ portfolio_id: string; day: string }>(
    `SELECT portfolio_id, to_char(snapshot_date, 'YYYY-MM-DD') AS day FROM portfolio_snapshot_refresh_queue ORDER BY day, portfolio_id`)).rows;

  beforeAll(async () => {
    // Migrated up to just before the queue, holding snapshots written then: a current one, a restated one (stale
    // exposures and stress) and one whose stress alone is stale.
    database = await createTestDatabase("template0");
    const before = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
    for (const file of listMigrationFiles().filter((migration) => migration.name < QUEUE_MIGRATION)) {
      cpSync(path.resolve("prisma/migrations", file.name), path.join(before, file.name), { recursive: true });
    }
    await migrateDatabase(database.url, before);
    rmSync(before, { recursive: true, force: true });
    // DATE as its ISO text, as the application's pool reads it.
    const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === 1082 ? (value: string) => value : pg.types.getTypeParser(oid, format)) };
    client = new pg.Client({ connectionString: database.url, types: types as pg.CustomTypesConfig });
    await client.connect();
    const userId = randomUUID();
    await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'snapshots@example.test', 'Snapshots', 'x')`, [userId]);
    portfolioIds = (await client.query<{ id: string }>(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date)
       SELECT gen_random_uuid(), $1, 'Snapshots ' || i, 1000000, 1000000, '2025-05-30' FROM generate_series(1, $2) AS i RETURNING id`,
      [userId, PORTFOLIOS],
    )).rows.map((row) => row.id).sort();
    await client.query(
      `INSERT INTO portfolio_snapshots (id, portfolio_id, snapshot_date, is_complete, revision, exposures_revision, stress_revision)
       VALUES (gen_random_uuid(), $1, '2025-05-28', true, 1, 1, 1), (gen_random_uuid(), $1, '2025-05-29', true, 2, 1, 1),
              (gen_random_uuid(), $1, '2025-05-30', true, 1, 1, NULL), (gen_random_uuid(), $2, '2025-05-30', false, 1, NULL, NULL)`,
      [portfolioIds[0], portfolioIds[1]],
    );
    expect((await migrateDatabase(database.url)).applied).toContain(QUEUE_MIGRATION);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("queues the snapshots pending before the migration, and no index of portfolio_snapshots names a mark", async () => {
    expect(await queued()).toEqual([
      { portfolio_id: portfolioIds[0], day: "2025-05-29" },
      { portfolio_id: portfolioIds[0], day: "2025-05-30" },
    ]);
    const indexes = await client.query<{ definition: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = 'portfolio_snapshots'::regclass ORDER BY 1`);
    expect(indexes.rows.length).toBeGreaterThanOrEqual(3);
    for (const { definition } of indexes.rows) expect(definition).not.toMatch(/revision/);
    const options = await client.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = 'portfolio_snapshots'::regclass`);
    expect(options.rows[0].reloptions).toEqual(["fillfactor=45"]);
  });

  it("marks two dates of snapshots by HOT updates only, finding the pending ones of other dates through the queue", async () => {
    for (const [day, equity] of [[DAY_ONE, 1_000_125.5], [DAY_TWO, 1_000_251]] as const) {
      // As Phase 4: the date's snapshots in chunks of 40, each chunk's one statement in its own transaction.
      for (let i = 0; i < PORTFOLIOS; i += 40) {
        await inTransaction(() => upsertSnapshots(db(), portfolioIds.slice(i, i + 40).map((id) => snapshot(id, day, equity))));
      }
      const exposures = await refreshStage(day, "exposures");
      const expected = portfolioIds.map((id) => ({ portfolioId: id, date: day, revision: 1 }));
      // The first date also finds the two snapshots left pending before the migration (oldest date first).
      const leftovers = day === DAY_ONE ? [{ portfolioId: portfolioIds[0], date: "2025-05-29", revision: 2 }] : [];
      expect(exposures.pairs).toEqual([...leftovers, ...expected]);
      expect({ day, updated: exposures.updated, hot: exposures.hot }).toEqual({ day, updated: exposures.pairs.length, hot: exposures.pairs.length });
      const stress = await refreshStage(day, "stress");
      const stressLeftovers = day === DAY_ONE ? [
        { portfolioId: portfolioIds[0], date: "2025-05-29", revision: 2 }, { portfolioId: portfolioIds[0], date: "2025-05-30", revision: 1 },
      ] : [];
      expect(stress.pairs).toEqual([...stressLeftovers, ...expected]);
      expect({ day, updated: stress.updated, hot: stress.hot }).toEqual({ day, updated: stress.pairs.length, hot: stress.pairs.length });
      expect(await queued()).toEqual([]);
    }
    const marks = await client.query<{ day: string; rows: number }>(
      `SELECT to_char(snapshot_date, 'YYYY-MM-DD') AS day, count(*)::int AS rows FROM portfolio_snapshots
        WHERE is_complete AND exposures_revision = revision AND stress_revision = revision AND equity_balance > 0 GROUP BY 1 ORDER BY 1`);
    expect(marks.rows).toEqual([{ day: DAY_ONE, rows: PORTFOLIOS }, { day: DAY_TWO, rows: PORTFOLIOS }]);
  });

  it("finds a restated snapshot and one whose marks were cleared on another date, once, at their new revision", async () => {
    const restated = portfolioIds.slice(0, 3);
    await inTransaction(() => upsertSnapshots(db(), restated.map((id) => snapshot(id, DAY_ONE, 999_000))));
    // As a cleared date keeps its snapshots: the marks of one of day two's snapshots go.
    await client.query(`UPDATE portfolio_snapshots SET exposures_revision = NULL, stress_revision = NULL WHERE portfolio_id = $1 AND snapshot_date = $2`,
      [portfolioIds[5], DAY_TWO]);
    expect(await queued()).toEqual([
      ...restated.map((id) => ({ portfolio_id: id, day: DAY_ONE })), { portfolio_id: portfolioIds[5], day: DAY_TWO },
    ]);
    await inTransaction(() => upsertSnapshots(db(), portfolioIds.map((id) => snapshot(id, DAY_THREE, 1_000_300))));
    const expected = [
      ...restated.map((id) => ({ portfolioId: id, date: DAY_ONE, revision: 2 })),
      { portfolioId: portfolioIds[5], date: DAY_TWO, revision: 1 },
      ...portfolioIds.map((id) => ({ portfolioId: id, date: DAY_THREE, revision: 1 })),
    ];
    for (const stage of ["exposures", "stress"] as const) {
      const refreshed = await refreshStage(DAY_THREE, stage);
      expect(refreshed.pairs).toEqual(expected);
      expect(refreshed.hot).toBe(refreshed.updated);
    }
    expect(await queued()).toEqual([]);
    expect((await refreshStage(DAY_THREE, "exposures")).pairs).toEqual([]);
  });

  it("leaves no queue row behind a deleted snapshot", async () => {
    await client.query(`UPDATE portfolio_snapshots SET stress_revision = NULL WHERE snapshot_date = $1`, [DAY_TWO]);
    expect(await queued()).toHaveLength(PORTFOLIOS);
    await client.query(`DELETE FROM portfolio_snapshots WHERE snapshot_date = $1 AND portfolio_id <> $2`, [DAY_TWO, portfolioIds[7]]);
    expect(await queued()).toEqual([{ portfolio_id: portfolioIds[7], day: DAY_TWO }]);
  });
});
