import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { upsertUser } from "./accounts";
import { useTestDatabase } from "../testing/test-database";
import { attemptLogin, LOGIN_THROTTLE } from "./login";
import { verifyPassword } from "./password";
import { readSession } from "./sessions";

useTestDatabase();
let userId: string;
const EMAIL = "grace@example.com";
const PASSWORD = "cobol-compiler";

beforeAll(async () => {
  userId = (await upsertUser({ email: EMAIL, name: "Grace", role: "user", password: PASSWORD })).id;
});
beforeEach(async () => {
  await getPool().query(`DELETE FROM login_attempts`);
});

/** The real scrypt check, counting which stored hashes it was asked about. */
function countingVerify() {
  const calls: string[] = [];
  const verify = async (password: string, stored: string) => {
    calls.push(stored);
    return verifyPassword(password, stored);
  };
  return { calls, verify };
}

/** A cheap stand-in for scrypt where the test is about counting, not hashing. */
const fastVerify = async (password: string) => password === PASSWORD;

describe("attemptLogin", () => {
  it("signs in with the right password (email in any case) and starts a session", async () => {
    const result = await attemptLogin({ email: " GRACE@example.com ", password: PASSWORD, clientAddress: "192.0.2.1" });
    expect(result.kind).toBe("signed-in");
    if (result.kind !== "signed-in") return;
    expect(result.viewer).toEqual({ userId, email: EMAIL, name: "Grace", role: "user" });
    expect(await readSession(result.token)).toEqual(result.viewer);
    expect((await getPool().query(`SELECT count(*)::int AS n FROM login_attempts`)).rows[0].n).toBe(0);
  });

  it("checks an unknown email against a dummy hash of the same cost as a real one", async () => {
    const wrong = countingVerify();
    expect((await attemptLogin({ email: EMAIL, password: "wrong-password", clientAddress: "192.0.2.2" }, wrong.verify)).kind).toBe("wrong-credentials");
    const unknown = countingVerify();
    expect((await attemptLogin({ email: "nobody@example.com", password: "wrong-password", clientAddress: "192.0.2.2" }, unknown.verify)).kind).toBe("wrong-credentials");
    expect(wrong.calls).toHaveLength(1);
    expect(unknown.calls).toHaveLength(1);
    const cost = (hash: string) => hash.split("$").slice(0, 4).join("$");
    expect(cost(unknown.calls[0])).toBe(cost(wrong.calls[0]));
    expect(cost(unknown.calls[0])).toBe("scrypt$131072$8$1");
  });

  it("allows 5 failures per account in 15 minutes, then answers throttled with the seconds to wait", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i += 1) {
      expect((await attemptLogin({ email: EMAIL, password: `guess-${i}`, clientAddress: `198.51.100.${i}` }, fastVerify)).kind).toBe("wrong-credentials");
    }
    const refused = await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "198.51.100.99" }, fastVerify);
    expect(refused.kind).toBe("throttled");
    if (refused.kind === "throttled") {
      expect(refused.retryAfterSeconds).toBeGreaterThan(LOGIN_THROTTLE.windowSeconds - 60);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_THROTTLE.windowSeconds);
    }
    // Once the oldest failure leaves the window the account may try again.
    await getPool().query(`UPDATE login_attempts SET attempted_at = attempted_at - interval '15 minutes' WHERE client_address = '198.51.100.0'`);
    expect((await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "198.51.100.99" }, fastVerify)).kind).toBe("signed-in");
  });

  it("allows 5 failures per client address across accounts, and then refuses even a right password from it", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i += 1) {
      await attemptLogin({ email: `spray-${i}@example.com`, password: "Winter2026!", clientAddress: "203.0.113.7" }, fastVerify);
    }
    expect((await attemptLogin({ email: "spray-9@example.com", password: "Winter2026!", clientAddress: "203.0.113.7" }, fastVerify)).kind).toBe("throttled");
    expect((await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "203.0.113.7" }, fastVerify)).kind).toBe("throttled");
    expect((await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "203.0.113.8" }, fastVerify)).kind).toBe("signed-in");
  });

  it("holds the limit for parallel guesses: at most 5 passwords are checked", async () => {
    let checked = 0;
    const slowVerify = async () => {
      checked += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return false;
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      attemptLogin({ email: EMAIL, password: `parallel-${i}`, clientAddress: `192.0.2.${100 + i}` }, slowVerify)));
    expect(checked).toBe(LOGIN_THROTTLE.maxFailures);
    expect(results.filter((result) => result.kind === "throttled")).toHaveLength(12 - LOGIN_THROTTLE.maxFailures);
  });

  it("forgives the account's failures after a right password", async () => {
    for (let i = 0; i < 4; i += 1) await attemptLogin({ email: EMAIL, password: "nope-nope", clientAddress: `192.0.2.${i}` }, fastVerify);
    expect((await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "192.0.2.50" }, fastVerify)).kind).toBe("signed-in");
    expect((await getPool().query(`SELECT count(*)::int AS n FROM login_attempts WHERE email = $1`, [EMAIL])).rows[0].n).toBe(0);
  });

  it("rehashes a hash of an older cost at sign-in, keeping the same password", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("fedcba9876543210");
    const legacy = ["scrypt", 16384, 8, 1, salt.toString("base64url"), scryptSync(PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 }).toString("base64url")].join("$");
    await getPool().query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, legacy]);
    expect((await attemptLogin({ email: EMAIL, password: PASSWORD, clientAddress: "192.0.2.60" })).kind).toBe("signed-in");
    const stored = (await getPool().query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [userId])).rows[0].password_hash;
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });
});
