import { z } from "zod";
import { route } from "@/app/_lib/route";
import { getRunLogs } from "@/lib/queries/get-run-logs";
import { runIdSchema, runLogsQuerySchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = route({ access: "admin", params: z.object({ id: runIdSchema }), query: runLogsQuerySchema }, async ({ viewer, params, query }) => {
  const logs = await getRunLogs(viewer, params.id, query.format);
  return new Response(logs.body, {
    headers: { "content-type": logs.contentType, "content-disposition": `attachment; filename="${logs.filename}"` },
  });
});
