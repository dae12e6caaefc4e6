import { handle, HttpError, parseWith, requireApiAdmin } from "@/app/_lib/api";
import { getRunLogs } from "@/lib/queries/get-run-logs";
import { runIdSchema, runLogsQuerySchema, searchParamsToObject } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  await requireApiAdmin();
  const id = parseWith(runIdSchema, (await params).id);
  const { format } = parseWith(runLogsQuerySchema, searchParamsToObject(new URL(request.url).searchParams));
  const logs = await getRunLogs(id, format);
  if (!logs) throw new HttpError(404, `Run ${id} not found.`);
  return new Response(logs.body, {
    headers: { "content-type": logs.contentType, "content-disposition": `attachment; filename="${logs.filename}"` },
  });
});
