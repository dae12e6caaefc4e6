import "@/app/_lib/dispatch";
import { handle, parseWith, readJsonBody, requireApiAdmin } from "@/app/_lib/api";
import { startRerun } from "@/lib/batch/actions";
import { rerunInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const session = await requireApiAdmin();
  const input = parseWith(rerunInputSchema, await readJsonBody(request));
  const started = await mapBatchErrors(() => startRerun({ ...input, userId: session.userId }));
  return Response.json(started, { status: 202 });
});
