import { route } from "@/app/_lib/route";
import { getReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => {
  const readiness = await getReadiness();
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
});
