import { getReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await getReadiness();
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
}
