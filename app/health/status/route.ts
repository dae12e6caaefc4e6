import { route } from "@/app/_lib/route";
import { getReadiness, publicCacheStats } from "@/lib/health/readiness";
import { getSymbolCache } from "@/lib/cache/symbol-cache";

export const dynamic = "force-dynamic";

/** Readiness, liveness and the symbol cache's counters in one document; 200 and "healthy" only when ready. */
export const GET = route({ access: "public" }, async () => {
  const readiness = await getReadiness();
  const ready = readiness.status === "ready";
  const body = { status: ready ? "healthy" : readiness.status, ready, alive: true, readiness, symbolCache: publicCacheStats(getSymbolCache().stats()) };
  return Response.json(body, { status: ready ? 200 : 503 });
});
