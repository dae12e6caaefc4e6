import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const KEY_LENGTH = 64;

/** scrypt cost of new hashes (RFC 7914): N = 2^17, r = 8, p = 1, i.e. 128 MiB and a few hundred ms per hash. */
export const PASSWORD_COST = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Node refuses scrypt above `maxmem` (32 MiB by default); 128·N·r bytes is needed, so allow twice the current cost. */
const MAX_MEMORY_BYTES = 2 * 128 * PASSWORD_COST.N * PASSWORD_COST.r;

interface ParsedHash { N: number; r: number; p: number; salt: Buffer; hash: Buffer }

function parseHash(stored: string): ParsedHash | null {
  const [scheme, n, r, p, saltText, hashText] = stored.split("$");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !saltText || !hashText) return null;
  if (!Number.isInteger(cost.N) || !Number.isInteger(cost.r) || !Number.isInteger(cost.p) || cost.N < 2 || cost.r < 1 || cost.p < 1) return null;
  if (128 * cost.N * cost.r > MAX_MEMORY_BYTES || cost.p > 16) return null; // a stored hash may not make us allocate without bound
  return { ...cost, salt: Buffer.from(saltText, "base64url"), hash: Buffer.from(hashText, "base64url") };
}

/** Hashes a password with scrypt and a random salt: `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 8) throw new Error("Passwords need at least 8 characters.");
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { ...PASSWORD_COST, maxmem: MAX_MEMORY_BYTES });
  return ["scrypt", PASSWORD_COST.N, PASSWORD_COST.r, PASSWORD_COST.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Constant-time check of a password against a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEMORY_BYTES });
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash was made with another cost than today's (it is replaced at the next successful login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N !== PASSWORD_COST.N || parsed.r !== PASSWORD_COST.r || parsed.p !== PASSWORD_COST.p;
}

let dummyHash: Promise<string> | null = null;

/**
 * A hash of a random password at today's cost. Checking a login for an unknown email against it costs the same
 * scrypt work as a wrong password, so response time does not tell which emails have accounts.
 */
export function getDummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummyHash;
}
