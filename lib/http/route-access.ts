/** Who may request a path: the first gate's map (proxy.ts). Anything not listed needs a signed-in user. */
export type RouteAccess = "public" | "user" | "admin";

const PUBLIC_EXACT = new Set(["/", "/login", "/health", "/api/auth/login", "/api/auth/logout", "/api/inngest", "/favicon.ico", "/robots.txt"]);
const PUBLIC_PREFIXES = ["/health/", "/_next/"];
const ADMIN_PREFIXES = ["/admin", "/api/admin"];

/** The path as routing will see it: percent-decoded, duplicate and trailing slashes removed, lower case for matching. */
export function normalisePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape stays as it is; no route matches it
  }
  const collapsed = decoded.replace(/\\/g, "/").replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  return collapsed.toLowerCase();
}

function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
}

/** Default-deny: public paths are listed, admin areas are listed, everything else is for signed-in users. */
export function routeAccess(pathname: string): RouteAccess {
  const path = normalisePath(pathname);
  if (ADMIN_PREFIXES.some((prefix) => underPrefix(path, prefix))) return "admin";
  if (PUBLIC_EXACT.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) return "public";
  return "user";
}
