/** Validates a PostgreSQL connection string, so a typo gives one sentence instead of a driver stack trace. */
export function parseDatabaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL ("${redact(raw)}"); expected postgresql://user:password@host:5432/database.`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got "${url.protocol}//").`);
  }
  if (!url.hostname) throw new Error("DATABASE_URL has no host; expected postgresql://user:password@host:5432/database.");
  if (!url.pathname || url.pathname === "/") throw new Error("DATABASE_URL names no database; add /<database> after the host.");
  return url;
}

export function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}

export function getDatabaseUrlOrThrow(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.DATABASE_URL;
  if (!raw) throw new Error("DATABASE_URL is not set; start the app with `npm start` (embedded PostgreSQL) or set DATABASE_URL.");
  parseDatabaseUrl(raw);
  return raw;
}
