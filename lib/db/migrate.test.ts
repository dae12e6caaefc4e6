import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase, useTestDatabaseClient } from "../testing/test-database";
import { listMigrationFiles, migrateDatabase, pendingMigrations } from "./migrate";

describe("migrateDatabase", () => {
  const database = useTestDatabase();
  const client = useTestDatabaseClient(database);

  it("records each applied migration as Prisma does (sha256 checksum, finished, one step)", async () => {
    const rows = (await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    const files = listMigrationFiles();
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash("sha256").update(files[index].sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.started_at.getTime()).toBeLessThanOrEqual(row.finished_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await pendingMigrations(client)).toEqual([]);
  });

  it("is a no-op the second time", async () => {
    expect(await migrateDatabase(database.url)).toEqual({ applied: [], alreadyApplied: listMigrationFiles().map((file) => file.name) });
  });

  it("rolls a failing migration back whole and names it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(path.join(dir, "29990101000000_broken/migration.sql"), `CREATE TABLE "half_done" (id int);\nSELECT * FROM no_such_table;`);
    await expect(migrateDatabase(database.url, dir)).rejects.toThrow(/Migration 29990101000000_broken failed and was rolled back: relation "no_such_table" does not exist/);
    const table = await client.query(`SELECT to_regclass('half_done') AS present`);
    expect(table.rows[0].present).toBeNull();
    const recorded = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    expect(recorded.rows[0].n).toBe(0);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    const first = listMigrationFiles()[0].name;
    writeFileSync(path.join(dir, first, "migration.sql"), "-- edited\n");
    await expect(migrateDatabase(database.url, dir)).rejects.toThrow(`Migration ${first} was modified after it was applied`);
  });

  it("keeps starting equity immutable (R17)", async () => {
    const user = await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'x@y.z', 'x', 'h') RETURNING id`);
    const portfolio = await client.query(
      `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date) VALUES (gen_random_uuid(), $1, 'p', 1000, 1000, '2026-01-02') RETURNING id`,
      [user.rows[0].id],
    );
    await client.query(`UPDATE portfolios SET current_equity = 1200 WHERE id = $1`, [portfolio.rows[0].id]);
    await expect(client.query(`UPDATE portfolios SET starting_equity = 5 WHERE id = $1`, [portfolio.rows[0].id])).rejects.toThrow(/starting_equity is immutable/);
  });
});
