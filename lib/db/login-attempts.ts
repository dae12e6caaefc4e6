import type pg from "pg";
import { withTransaction } from "./client";

export interface LoginThrottle {
  maxFailures: number;
  windowSeconds: number;
}

export type Reservation = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Counts the failures of this email and of this client address in the window and, when both are under the limit,
 * records this attempt as a failure up front (released by {@link releaseLoginAttempt} when the password was right).
 * Advisory locks on both keys make the count and the insert one step for every process, so parallel guesses cannot
 * exceed the limit. When refused, `retryAfterSeconds` says when the oldest counted failure leaves the window.
 */
export async function reserveLoginAttempt(email: string, clientAddress: string, throttle: LoginThrottle): Promise<Reservation> {
  return withTransaction(async (client) => {
    for (const key of [`login-email:${email}`, `login-address:${clientAddress}`].sort()) {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
    }
    const counts = [await countRecent(client, "email", email, throttle), await countRecent(client, "client_address", clientAddress, throttle)];
    const blocked = counts.filter((count) => count.n >= throttle.maxFailures);
    if (blocked.length > 0) return { ok: false, retryAfterSeconds: Math.max(1, ...blocked.map((count) => count.retryAfterSeconds)) };
    await client.query(`DELETE FROM login_attempts WHERE attempted_at <= now() - make_interval(secs => $1)`, [throttle.windowSeconds]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO login_attempts (email, client_address) VALUES ($1, $2) RETURNING id::text`, [email, clientAddress]);
    return { ok: true, attemptId: inserted.rows[0].id };
  });
}

/** The password was right: this attempt was no failure, and the account's earlier failures are forgiven. */
export async function releaseLoginAttempt(attemptId: string, email: string): Promise<void> {
  await withTransaction(async (client) => {
    await client.query(`DELETE FROM login_attempts WHERE id = $1`, [attemptId]);
    await client.query(`DELETE FROM login_attempts WHERE email = $1`, [email]);
  });
}

/**
 * Failures of one key in the window (at most `maxFailures` are looked at) and the seconds until the oldest of those
 * leaves the window, which is when the count drops under the limit.
 */
async function countRecent(client: pg.PoolClient, column: "email" | "client_address", value: string, throttle: LoginThrottle) {
  const { rows } = await client.query<{ n: number; retry_after: number | null }>(
    `SELECT count(*)::int AS n, ceil(extract(epoch FROM min(attempted_at) + make_interval(secs => $2) - now()))::int AS retry_after
       FROM (SELECT attempted_at FROM login_attempts WHERE ${column} = $1 AND attempted_at > now() - make_interval(secs => $2)
              ORDER BY attempted_at DESC LIMIT $3) newest`, [value, throttle.windowSeconds, throttle.maxFailures]);
  return { n: rows[0].n, retryAfterSeconds: rows[0].retry_after ?? throttle.windowSeconds };
}
