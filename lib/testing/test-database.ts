import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase } from "../db/client";

export interface TestDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/**
 * A fresh database cloned from the migrated, seeded template, on the local embedded PostgreSQL of this run.
 * Sets DATABASE_URL for the calling test file (vitest runs each file in its own process).
 */
export async function createTestDatabase(template: string = inject("templateDatabase")): Promise<TestDatabase> {
  const adminUrl = inject("postgresAdminUrl");
  const host = new URL(adminUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") {
    throw new Error(`Refusing to run database tests against ${host}: tests only use the local embedded PostgreSQL.`);
  }
  const name = `fw_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  process.env.DATABASE_URL = url;
  return {
    url,
    name,
    drop: async () => {
      await closeDatabase();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * A copy of `source` (which must have no open connection: close the pool first), e.g. to run two scenarios on the
 * same prepared rows.
 */
export async function cloneTestDatabase(source: TestDatabase): Promise<TestDatabase> {
  await closeDatabase();
  return createTestDatabase(source.name);
}

/** The database of a file or describe block that called {@link useTestDatabase}; readable once its beforeAll hook ran. */
export interface TestDatabaseHandle {
  readonly url: string;
  readonly name: string;
}

/** Work to do before a handle's database is dropped (the clients of {@link useTestDatabaseClient}). */
const beforeDrop = new WeakMap<TestDatabaseHandle, Array<() => Promise<void>>>();

/**
 * Gives the calling file (or describe block) its own test database: registers a beforeAll hook that runs
 * {@link createTestDatabase} and an afterAll hook that drops it. `url` and `name` can be read from that beforeAll on,
 * i.e. in the caller's own later hooks and in its tests. Vitest runs beforeAll hooks in registration order and afterAll
 * hooks in reverse ("stack", the default), so hooks registered after this call see the database and tear down before
 * the drop.
 */
export function useTestDatabase(): TestDatabaseHandle {
  let database: TestDatabase | undefined;
  const current = (): TestDatabase => {
    if (!database) throw new Error("useTestDatabase(): the database exists only from its beforeAll hook until its afterAll hook");
    return database;
  };
  const handle: TestDatabaseHandle = {
    get url() { return current().url; },
    get name() { return current().name; },
  };
  const closers: Array<() => Promise<void>> = [];
  beforeDrop.set(handle, closers);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    const dropping = database;
    try {
      for (const close of closers) await close();
    } finally {
      database = undefined;
      await dropping?.drop();
    }
  });
  return handle;
}

/**
 * A pg.Client on `database` (by default a new {@link useTestDatabase} of the caller's): connected in a beforeAll hook
 * and ended just before the database is dropped. The returned object forwards to that client, so it can be used (and
 * passed on) as a pg.Client inside the caller's later hooks and tests.
 */
export function useTestDatabaseClient(database: TestDatabaseHandle = useTestDatabase()): pg.Client {
  const closers = beforeDrop.get(database);
  if (!closers) throw new Error("useTestDatabaseClient(): pass a handle returned by useTestDatabase()");
  let client: pg.Client | undefined;
  beforeAll(async () => {
    const connecting = new pg.Client({ connectionString: database.url });
    await connecting.connect();
    client = connecting;
  });
  closers.push(async () => {
    const ending = client;
    client = undefined;
    await ending?.end();
  });
  return new Proxy({} as pg.Client, {
    get(_target, property) {
      if (!client) throw new Error("useTestDatabaseClient(): the client is connected only from its beforeAll hook until the database is dropped");
      const value: unknown = Reflect.get(client, property, client);
      return typeof value === "function" ? value.bind(client) : value;
    },
  });
}
