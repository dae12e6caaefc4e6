import { getPool } from "./client";

/** The application name of the web server's connections (server.mjs sets it for its processes). */
export const WEB_APPLICATION_NAME = "factorwatch-web";

/** Queries the web server is running right now, as PostgreSQL sees them. */
export async function countActiveWebQueries(): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'`, [WEB_APPLICATION_NAME]);
  return rows[0].n;
}
