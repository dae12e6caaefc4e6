/**
 * Runs once when the Next.js server starts, before it serves: refuses an Inngest configuration that must not run
 * (dev mode in production), and starts warming the symbol cache and the login's dummy hash right away instead of
 * at the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { readInngestMode } = await import("./lib/config/inngest-mode");
  readInngestMode();
  if (!process.env.DATABASE_URL) return;
  const [{ getSymbolCache }, { getDummyPasswordHash }] = await Promise.all([import("./lib/cache/symbol-cache"), import("./lib/auth/password")]);
  void getSymbolCache().ensureWarm();
  void getDummyPasswordHash();
}
