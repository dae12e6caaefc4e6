import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrateDatabase } from "../db/migrate";
import { seedReferenceData } from "../db/seed-reference-data";

export const TEMPLATE_DATABASE = "factorwatch_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run (embedded-postgres, free port, temporary folder). A migrated and seeded
 * template database is cloned per test file (lib/testing/test-database.ts), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const parent = mkdtempSync(path.join(tmpdir(), "factorwatch-test-"));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach the folder
  const dataDir = path.join(parent, "pg");
  const database = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE, ephemeral: true });
  await migrateDatabase(database.url);
  await seedReferenceData(database.url);
  const adminUrl = database.url.replace(new RegExp(`/${TEMPLATE_DATABASE}$`), "/postgres");
  // A template must have no open connections while it is cloned.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH is_template = true`);
  await admin.end();
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await database.stop();
  };
}
