import { getPool, getPrisma } from "./client";

export type Role = "admin" | "user";

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** Activity is recorded at most once a minute per session, so most requests only read. */
const TOUCH_AFTER_SECONDS = 60;

export async function insertSession(input: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  await getPrisma().session.create({ data: { id: input.id, userId: input.userId, expiresAt: input.expiresAt } });
}

/**
 * The user of a live session: not past its absolute expiry and seen within `idleSeconds`. The role and name come
 * from the users row on every call, so a change shows on the next request. One statement in SQL (read, join and the
 * once-a-minute touch), since it runs on every request; the other session writes go through Prisma Client.
 */
export async function findLiveSession(id: string, idleSeconds: number): Promise<SessionUser | null> {
  const { rows } = await getPool().query<{ user_id: string; email: string; name: string; role: Role }>(
    `WITH live AS (
       SELECT s.id, s.last_seen_at, u.id AS user_id, u.email, u.name, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)
     ), touched AS (
       UPDATE sessions SET last_seen_at = now()
        WHERE id IN (SELECT id FROM live WHERE last_seen_at < now() - make_interval(secs => $3))
     )
     SELECT user_id, email, name, role FROM live`, [id, idleSeconds, TOUCH_AFTER_SECONDS]);
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email, name: row.name, role: row.role } : null;
}

export async function deleteSession(id: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { id } });
}

/** Sessions past their absolute or idle expiry are of no use to anyone; removed at each login. */
export async function deleteExpiredSessions(idleSeconds: number): Promise<void> {
  // The database's clock, the one findLiveSession judges by (Prisma Client cannot say now() in a filter).
  await getPool().query(`DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)`, [idleSeconds]);
}
