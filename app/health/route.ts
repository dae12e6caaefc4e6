export const dynamic = "force-dynamic";

/** §6.3: the plain liveness answer of the original API. */
export function GET() {
  return Response.json({ status: "healthy" });
}
