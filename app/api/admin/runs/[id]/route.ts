import { handle, HttpError, parseWith, requireApiAdmin } from "@/app/_lib/api";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { runIdSchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requireApiAdmin();
  const id = parseWith(runIdSchema, (await params).id);
  const run = await getRunDetail(id);
  if (!run) throw new HttpError(404, `Run ${id} not found.`);
  return Response.json(run);
});
