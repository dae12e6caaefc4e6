/**
 * Where to go after signing in: `next` only when it is a path of this site, i.e. `/` followed by a character that is
 * neither `/` nor `\` (`//host` and `/\host` are other sites to a browser), with no control character or space (a
 * browser drops tabs and newlines, turning `/\t/host` into `//host`). Anything else goes to `fallback`.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string") return fallback;
  if (next === "/") return next;
  if (!/^\/[^/\\]/.test(next) || /[\u0000-\u0020\u007f-\u009f]/.test(next)) return fallback;
  return next;
}
