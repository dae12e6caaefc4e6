import { mkdtempSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresFlags, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres";

const DURABILITY = ["fsync", "full_page_writes", "synchronous_commit"];

async function show(url: string, setting: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SHOW ${setting}`)).rows[0][setting];
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL durability", () => {
  let parent: string;
  let database: EmbeddedDatabase;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), "factorwatch-durable-"));
    chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach the folder
    database = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg") }); // persistent, as behind `npm start`
  });
  afterAll(async () => {
    await database?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it("keeps fsync, full_page_writes and synchronous_commit on for the persistent cluster", async () => {
    for (const setting of DURABILITY) expect(await show(database.url, setting), setting).toBe("on");
  });

  it("turns them off only for a throwaway cluster (tests, benchmarks)", async () => {
    expect(postgresFlags(false).join(" ")).not.toMatch(/fsync|full_page_writes|synchronous_commit/);
    expect(postgresFlags(true).join(" ")).toContain("fsync=off");
    // This suite's own cluster is a throwaway one.
    const { inject } = await import("vitest");
    expect(await show(inject("postgresAdminUrl"), "fsync")).toBe("off");
  });
});
