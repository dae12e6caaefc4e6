import { getReadiness } from "@/lib/health/readiness";
import { getSymbolCache } from "@/lib/cache/symbol-cache";

export const dynamic = "force-dynamic";

/** §6.3: readiness, liveness and the symbol cache's counters in one document (always 200). */
export async function GET() {
  const readiness = await getReadiness();
  return Response.json({ status: "healthy", ready: readiness.status === "ready", alive: true, readiness, symbolCache: getSymbolCache().stats() });
}
