import path from "node:path";
import { parseDatabaseUrl, redact } from "../db/database-url";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrateDatabase } from "../db/migrate";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** The embedded cluster's folder: FACTORWATCH_DATA_DIR, else .data/pg (git-ignored, reused across starts). */
export function embeddedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(process.cwd(), env.FACTORWATCH_DATA_DIR ?? ".data/pg");
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in .data/pg on a free port. Either way the URL ends up in
 * process.env.DATABASE_URL for lib/db, and migrations are applied.
 */
export async function openDatabase(log: (line: string) => void, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  let opened: OpenDatabase;
  if (process.env.DATABASE_URL) {
    parseDatabaseUrl(process.env.DATABASE_URL);
    log(`database: ${redact(process.env.DATABASE_URL)} (DATABASE_URL)`);
    opened = { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  } else {
    const started = await startEmbeddedPostgres({ dataDir: embeddedDataDir(), port: optionalPort(process.env.EMBEDDED_PG_PORT) });
    log(`database: embedded PostgreSQL on 127.0.0.1:${started.port}, data in ${path.relative(process.cwd(), started.dataDir)}`);
    process.env.DATABASE_URL = started.url;
    opened = { url: started.url, embedded: true, stop: started.stop };
  }
  if (options.migrate !== false) {
    try {
      const result = await migrateDatabase(opened.url);
      if (result.applied.length > 0) log(`migrations: applied ${result.applied.join(", ")}`);
    } catch (error) {
      await opened.stop();
      throw error;
    }
  }
  return opened;
}

function optionalPort(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_PG_PORT must be a port number, got "${raw}".`);
  return port;
}
