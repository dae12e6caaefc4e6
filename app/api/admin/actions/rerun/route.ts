import "@/app/_lib/dispatch";
import { route } from "@/app/_lib/route";
import { startRerun } from "@/lib/batch/run-start";
import { rerunInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = route({ access: "admin", body: rerunInputSchema }, async ({ viewer, body }) => {
  const started = await mapBatchErrors(() => startRerun({ ...body, userId: viewer.userId }));
  return Response.json(started, { status: 202 });
});
