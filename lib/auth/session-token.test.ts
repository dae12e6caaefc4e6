import { describe, expect, it } from "vitest";
import { createSessionToken, readSessionSecretFromEnv, readSessionToken, SESSION_TTL_SECONDS } from "./session-token";

const SECRET = "s".repeat(40);
const SESSION = { userId: "2d7c0c2e-7f5a-4c7e-9d3e-0c1f2a3b4c5d", role: "admin" as const, name: "Admin" };

describe("session tokens", () => {
  it("round-trip a session until it expires", () => {
    const now = Date.UTC(2026, 10, 28, 12);
    const token = createSessionToken(SESSION, SECRET, now);
    expect(readSessionToken(token, SECRET, now + 1000)).toEqual({ ...SESSION, expiresAt: now / 1000 + SESSION_TTL_SECONDS });
    expect(readSessionToken(token, SECRET, now + SESSION_TTL_SECONDS * 1000 + 1)).toBeNull();
  });

  it("reject another secret, a forged payload, garbage and nothing", () => {
    const token = createSessionToken(SESSION, SECRET);
    expect(readSessionToken(token, "t".repeat(40))).toBeNull();
    const [, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...SESSION, role: "admin", userId: "11111111-1111-4111-8111-111111111111", expiresAt: 4102444800 })).toString("base64url");
    expect(readSessionToken(`${forged}.${signature}`, SECRET)).toBeNull();
    for (const bad of [undefined, "", "abc", "a.b.c", `${token}x`]) expect(readSessionToken(bad, SECRET)).toBeNull();
  });

  it("require a long enough SESSION_SECRET when one is set", () => {
    expect(readSessionSecretFromEnv({} as NodeJS.ProcessEnv)).toBeNull();
    expect(readSessionSecretFromEnv({ SESSION_SECRET: SECRET } as unknown as NodeJS.ProcessEnv)).toBe(SECRET);
    expect(() => readSessionSecretFromEnv({ SESSION_SECRET: "short" } as unknown as NodeJS.ProcessEnv)).toThrow("SESSION_SECRET must have at least 32 characters.");
  });
});
