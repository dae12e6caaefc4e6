import { handle, parseWith, requireApiAdmin } from "@/app/_lib/api";
import { getRunList } from "@/lib/queries/get-run-list";
import { runListQuerySchema, searchParamsToObject } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  await requireApiAdmin();
  const query = parseWith(runListQuerySchema, searchParamsToObject(new URL(request.url).searchParams));
  return Response.json(await getRunList(query));
});
