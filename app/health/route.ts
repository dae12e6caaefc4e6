import { route } from "@/app/_lib/route";
import { getReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** The plain health answer: "healthy" only when ready, otherwise 503 with the reason code. */
export const GET = route({ access: "public" }, async () => {
  const readiness = await getReadiness();
  if (readiness.status === "ready") return Response.json({ status: "healthy" });
  return Response.json({ status: readiness.status, reason: readiness.reason }, { status: 503 });
});
