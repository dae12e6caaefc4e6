import { SESSION_ABSOLUTE_SECONDS } from "./sessions";

type Env = Record<string, string | undefined>;

/**
 * Session cookies are Secure unless COOKIE_SECURE=false: browsers keep Secure cookies over https and on
 * http://localhost or 127.0.0.1, so only a plain-http deployment on another host needs to turn it off.
 */
export function isSecureCookie(env: Env = process.env): boolean {
  const value = env.COOKIE_SECURE?.trim().toLowerCase();
  return !(value === "false" || value === "0");
}

/** `__Host-` binds the cookie to this exact host and path / (no Domain), which browsers allow only with Secure. */
export function sessionCookieName(env: Env = process.env): string {
  return isSecureCookie(env) ? "__Host-fw_session" : "fw_session";
}

function attributes(env: Env): string {
  return `Path=/; HttpOnly; SameSite=Lax${isSecureCookie(env) ? "; Secure" : ""}`;
}

export function serializeSessionCookie(token: string, env: Env = process.env): string {
  return `${sessionCookieName(env)}=${token}; ${attributes(env)}; Max-Age=${SESSION_ABSOLUTE_SECONDS}`;
}

export function serializeClearedSessionCookie(env: Env = process.env): string {
  return `${sessionCookieName(env)}=; ${attributes(env)}; Max-Age=0`;
}

/** The session token from a Cookie header, or null. */
export function readSessionCookie(cookieHeader: string | null | undefined, env: Env = process.env): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(env);
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}
