import { describe, expect, it } from "vitest";
import { getDummyPasswordHash, hashPassword, needsRehash, PASSWORD_COST, verifyPassword } from "./password";

describe("scrypt passwords", () => {
  it("hash at N = 2^17, r = 8, p = 1 and verify the right password only, with a fresh salt per hash", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it("still verify an older, cheaper hash and mark it for rehashing", async () => {
    // scrypt$16384$8$1 hash of "correct horse battery", as stored before the cost was raised.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const legacy = ["scrypt", 16384, 8, 1, salt.toString("base64url"), scryptSync("correct horse battery", salt, 64, { N: 16384, r: 8, p: 1 }).toString("base64url")].join("$");
    expect(await verifyPassword("correct horse battery", legacy)).toBe(true);
    expect(await verifyPassword("wrong horse battery", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it("never match a malformed or unbounded stored hash and refuse short passwords", async () => {
    for (const stored of ["", "plain", "bcrypt$x$y", "scrypt$16384$8$1$$", "scrypt$abc$8$1$c2FsdA$aGFzaA", "scrypt$1073741824$8$1$c2FsdA$aGFzaA"]) {
      expect(await verifyPassword("whatever1", stored), stored).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
    await expect(hashPassword("short")).rejects.toThrow("Passwords need at least 8 characters.");
  });

  it("keep one dummy hash at today's cost for unknown emails", async () => {
    const dummy = await getDummyPasswordHash();
    expect(dummy).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await getDummyPasswordHash()).toBe(dummy);
    expect(needsRehash(dummy)).toBe(false);
  });
});
