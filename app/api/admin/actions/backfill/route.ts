import "@/app/_lib/dispatch";
import { handle, parseWith, readJsonBody, requireApiAdmin } from "@/app/_lib/api";
import { startBackfill } from "@/lib/batch/actions";
import { backfillInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const session = await requireApiAdmin();
  const input = parseWith(backfillInputSchema, await readJsonBody(request));
  const started = await mapBatchErrors(() => startBackfill({ ...input, userId: session.userId }));
  return Response.json(started, { status: 202 });
});
