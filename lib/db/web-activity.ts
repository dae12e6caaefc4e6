import { getPool } from "./client";

/** The application name of the web server's connections (server.mjs sets it for its processes). */
export const WEB_APPLICATION_NAME = "factorwatch-web";

/**
 * Reads the web server is running right now, as PostgreSQL sees them: active queries of its connections that hold
 * no transaction id (a batch run inside a web process writes, so its chunks do not count as reads), not this one.
 */
export async function countActiveWebQueries(): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = $1 AND state = 'active' AND backend_xid IS NULL AND pid <> pg_backend_pid()`, [WEB_APPLICATION_NAME]);
  return rows[0].n;
}
