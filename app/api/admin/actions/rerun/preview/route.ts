import { handle, parseWith, readJsonBody, requireApiAdmin } from "@/app/_lib/api";
import { previewRerun } from "@/lib/batch/actions";
import { rerunInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  await requireApiAdmin();
  const input = parseWith(rerunInputSchema, await readJsonBody(request));
  return Response.json(await mapBatchErrors(() => previewRerun(input)));
});
