import { createHash, randomBytes } from "node:crypto";
import { deleteExpiredSessions, deleteSession, findLiveSession, insertSession } from "../db/sessions";
import type { Viewer } from "./viewer";

/** A session ends 7 days after sign-in whatever happens, and after 24 hours without a request. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 3600;
export const SESSION_IDLE_SECONDS = 24 * 3600;

/** The row id of a token: its SHA-256, so the table alone cannot be turned back into cookies. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A well-formed token is 43 base64url characters (32 random bytes); anything else is not looked up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Starts a new session (a new id at every sign-in) and returns the token for the cookie. */
export async function createSession(userId: string, nowMs = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  await deleteExpiredSessions(SESSION_IDLE_SECONDS);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(nowMs + SESSION_ABSOLUTE_SECONDS * 1000);
  await insertSession({ id: sessionIdOf(token), userId, expiresAt });
  return { token, expiresAt };
}

/** The viewer of a live session, or null for no token, a malformed, unknown, revoked or expired one. */
export async function readSession(token: string | null | undefined): Promise<Viewer | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  return findLiveSession(sessionIdOf(token), SESSION_IDLE_SECONDS);
}

/** Ends a session on the server (logout): the token is worthless from now on, wherever a copy of it is. */
export async function revokeSession(token: string | null | undefined): Promise<void> {
  if (token && TOKEN_PATTERN.test(token)) await deleteSession(sessionIdOf(token));
}
