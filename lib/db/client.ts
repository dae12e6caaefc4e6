import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getDatabaseUrlOrThrow } from "./database-url";
import { PrismaClient } from "./generated/client";

const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const INT8_OID = 20;

/**
 * The pool's own parsers serve the set-based SQL: DATE stays an ISO string (no timezone shift), NUMERIC/INT8 become
 * numbers. Prisma Client is unaffected: adapter-pg passes its own type parsers with every query it sends.
 */
const batchTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE_OID) return (value: string) => value;
    if (oid === NUMERIC_OID || oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

interface DbSingletons {
  url: string;
  pool: pg.Pool;
  prisma: PrismaClient;
}

let backendConnectHook: ((client: pg.PoolClient) => void) | null = null;

/** Runs for every new pooled connection of this process from now on (the batch's lower priority). */
export function onNewConnection(hook: ((client: pg.PoolClient) => void) | null): void {
  backendConnectHook = hook;
}

const globalForDb = globalThis as unknown as { factorwatchDb?: DbSingletons };

function createSingletons(url: string): DbSingletons {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    types: batchTypes,
    // No query may hang forever (a stuck batch step must fail and be retried).
    statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 120_000),
    // The web server's connections are named, so the batch can see when reads are waiting (lib/batch/yield-to-reads).
    application_name: process.env.FACTORWATCH_DB_APPLICATION ?? "factorwatch",
  });
  pool.on("error", () => undefined); // an idle client dropped by the server must not crash the process
  pool.on("connect", (client) => backendConnectHook?.(client));
  // One pool for the process: Prisma Client's simple reads and writes borrow the same connections as the bulk SQL.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { url, pool, prisma };
}

function getSingletons(): DbSingletons {
  const url = getDatabaseUrlOrThrow();
  const current = globalForDb.factorwatchDb;
  if (current && current.url === url) return current;
  globalForDb.factorwatchDb = createSingletons(url);
  return globalForDb.factorwatchDb;
}

/** The one Prisma client of the process (adapter-pg), for ordinary reads and writes. */
export function getPrisma(): PrismaClient {
  return getSingletons().prisma;
}

/** The pg pool for set-based SQL (bulk upserts, COPY, panel reads). */
export function getPool(): pg.Pool {
  return getSingletons().pool;
}

/** Disconnects Prisma Client, then ends the one pool (CLI exit, tests). */
export async function closeDatabase(): Promise<void> {
  const current = globalForDb.factorwatchDb;
  globalForDb.factorwatchDb = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  await current.pool.end();
}

export type { PrismaClient };

/**
 * Runs `work` on one pooled connection inside BEGIN … COMMIT, rolling back on any error. A connection that dies while
 * checked out (the server terminated it) fails the transaction instead of crashing the process, and is discarded.
 */
export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
