import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { setUserRole, updatePasswordHash } from "../db/users";
import { setUserPassword, upsertUser } from "./accounts";
import { useTestDatabase } from "../testing/test-database";
import { createSession, readSession, revokeSession, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, sessionIdOf } from "./sessions";

useTestDatabase();
let userId: string;

beforeAll(async () => {
  userId = (await upsertUser({ email: "Ada@Example.com", name: "Ada", role: "admin", password: "analytical-engine" })).id;
});

const sessionRow = async (token: string) =>
  (await getPool().query(`SELECT user_id, expires_at, created_at FROM sessions WHERE id = $1`, [sessionIdOf(token)])).rows[0];

describe("server-side sessions", () => {
  it("keep only the token's SHA-256, expire 7 days after sign-in, and answer the user's current role", async () => {
    const { token, expiresAt } = await createSession(userId);
    expect(token).toMatch(/^[\w-]{43}$/);
    const row = await sessionRow(token);
    expect(row.user_id).toBe(userId);
    expect((await getPool().query(`SELECT count(*)::int AS n FROM sessions WHERE id = $1`, [token])).rows[0].n).toBe(0);
    expect(Math.round((expiresAt.getTime() - row.created_at.getTime()) / 1000)).toBe(SESSION_ABSOLUTE_SECONDS);
    expect(await readSession(token)).toEqual({ userId, email: "ada@example.com", name: "Ada", role: "admin" });
  });

  it("give a new id at every sign-in", async () => {
    const first = await createSession(userId);
    const second = await createSession(userId);
    expect(second.token).not.toBe(first.token);
    expect(await readSession(first.token)).not.toBeNull();
    expect(await readSession(second.token)).not.toBeNull();
  });

  it("refuse a revoked token, a malformed one and nothing", async () => {
    const { token } = await createSession(userId);
    await revokeSession(token);
    expect(await readSession(token)).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
    for (const bad of [undefined, null, "", "x", `${token}x`, "' OR 1=1 --"]) expect(await readSession(bad)).toBeNull();
  });

  it("end after 24 hours without a request, and 7 days after sign-in even when used", async () => {
    const idle = await createSession(userId);
    await getPool().query(`UPDATE sessions SET last_seen_at = now() - make_interval(secs => $2 + 1) WHERE id = $1`, [sessionIdOf(idle.token), SESSION_IDLE_SECONDS]);
    expect(await readSession(idle.token)).toBeNull();

    const active = await createSession(userId);
    await getPool().query(`UPDATE sessions SET last_seen_at = now() - interval '23 hours' WHERE id = $1`, [sessionIdOf(active.token)]);
    expect(await readSession(active.token)).not.toBeNull();
    const touched = (await getPool().query(`SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM sessions WHERE id = $1`, [sessionIdOf(active.token)])).rows[0];
    expect(touched.fresh).toBe(true);

    await getPool().query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessionIdOf(active.token)]);
    expect(await readSession(active.token)).toBeNull();
  });

  it("all end when the role changes, by the app or by plain SQL", async () => {
    const a = await createSession(userId);
    const b = await createSession(userId);
    await setUserRole(userId, "user");
    expect(await readSession(a.token)).toBeNull();
    expect(await readSession(b.token)).toBeNull();
    const c = await createSession(userId);
    expect((await readSession(c.token))?.role).toBe("user");
    await getPool().query(`UPDATE users SET role = 'admin' WHERE id = $1`, [userId]);
    expect(await readSession(c.token)).toBeNull();
  });

  it("all end when the password changes, but not when its hash is upgraded", async () => {
    const kept = await createSession(userId);
    await updatePasswordHash(userId, "scrypt$131072$8$1$c2FsdA$aGFzaA");
    expect(await readSession(kept.token)).not.toBeNull();
    await setUserPassword(userId, "difference-engine");
    expect(await readSession(kept.token)).toBeNull();
    const afterSeed = await createSession(userId);
    await upsertUser({ email: "ada@example.com", name: "Ada", role: "admin", password: "analytical-engine" });
    expect(await readSession(afterSeed.token)).toBeNull();
  });
});
