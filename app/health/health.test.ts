import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as health } from "@/app/health/route";
import { GET as live } from "@/app/health/live/route";
import { GET as ready } from "@/app/health/ready/route";
import { GET as status } from "@/app/health/status/route";
import { getSymbolCache } from "@/lib/cache/symbol-cache";
import { closeDatabase } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { migrateDatabase } from "@/lib/db/migrate";

// A browser that is signed in sends its session cookie to health too; health must not need the database for it.
const get = (handler: (request: Request) => Promise<Response>, url: string) =>
  handler(new Request(`http://127.0.0.1${url}`, { headers: { cookie: `__Host-fw_session=${"a".repeat(43)}` } }));

/** Every health endpoint's status and body text. */
async function answers(): Promise<{ url: string; status: number; text: string }[]> {
  const out = [];
  for (const [handler, url] of [[health, "/health"], [ready, "/health/ready"], [status, "/health/status"]] as const) {
    const response = await get(handler, url);
    out.push({ url, status: response.status, text: await response.text() });
  }
  return out;
}

/** What a driver or server error would put in a body: never there. */
const DRIVER_TEXT = /ECONNREFUSED|password authentication|authentication failed|127\.0\.0\.1:\d+|factorwatch@|connect |timeout|does not exist|Error/i;

describe("health endpoints", () => {
  let parent: string;
  let database: EmbeddedDatabase;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), "factorwatch-health-"));
    chmodSync(parent, 0o755);
    database = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg") });
    process.env.DATABASE_URL = database.url;
  });
  afterAll(async () => {
    await closeDatabase();
    await database?.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
  });

  it("say migrations_pending on an empty database, then cache_warming, then healthy", async () => {
    for (const answer of await answers()) {
      expect(answer.status, answer.url).toBe(503);
      expect(JSON.parse(answer.text).reason ?? JSON.parse(answer.text).readiness.reason, answer.url).toBe("migrations_pending");
      expect(answer.text).not.toMatch(/healthy/);
    }
    await migrateDatabase(database.url);
    const warming = await get(ready, "/health/ready");
    expect(warming.status).toBe(503);
    expect(await warming.json()).toEqual({ status: "initializing", reason: "cache_warming", message: "The symbol cache is warming up." });
    await getSymbolCache().ensureWarm();
    const healthy = await answers();
    expect(healthy.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(JSON.parse(healthy[0].text)).toEqual({ status: "healthy" });
    expect(JSON.parse(healthy[2].text)).toMatchObject({ status: "healthy", ready: true, alive: true, symbolCache: { initialized: true, initFailed: false } });
  });

  it("say database_unreachable with the password wrong, and no driver text", async () => {
    const goodUrl = database.url;
    await closeDatabase();
    process.env.DATABASE_URL = goodUrl.replace("factorwatch:factorwatch@", "factorwatch:wrong-password@");
    for (const answer of await answers()) {
      expect(answer.status, answer.url).toBe(503);
      expect(answer.text, answer.url).toContain("database_unreachable");
      expect(answer.text, answer.url).not.toMatch(DRIVER_TEXT);
      expect(answer.text).not.toMatch(/healthy/);
    }
    await closeDatabase();
    process.env.DATABASE_URL = goodUrl;
  });

  it("say database_unreachable with the database stopped, and no driver text; liveness still answers", async () => {
    await database.stop();
    for (const answer of await answers()) {
      expect(answer.status, answer.url).toBe(503);
      const body = JSON.parse(answer.text);
      expect(body.reason ?? body.readiness.reason, answer.url).toBe("database_unreachable");
      expect(answer.text, answer.url).not.toMatch(DRIVER_TEXT);
      expect(answer.text).not.toMatch(/healthy/);
    }
    expect(await (await get(live, "/health/live")).json()).toEqual({ status: "alive" });
    expect(inject("postgresAdminUrl")).toBeTruthy();
  });
});
