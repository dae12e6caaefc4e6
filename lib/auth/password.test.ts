import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("scrypt passwords", () => {
  it("verify the right password only, with a fresh salt per hash", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });

  it("never match a malformed stored hash and refuse short passwords", async () => {
    for (const stored of ["", "plain", "bcrypt$x$y", "scrypt$16384$8$1$$"]) expect(await verifyPassword("whatever1", stored)).toBe(false);
    await expect(hashPassword("short")).rejects.toThrow("Passwords need at least 8 characters.");
  });
});
