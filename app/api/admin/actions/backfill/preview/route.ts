import { route } from "@/app/_lib/route";
import { previewBackfill } from "@/lib/batch/run-plans";
import { backfillInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = route({ access: "admin", body: backfillInputSchema }, async ({ body }) => Response.json(await mapBatchErrors(() => previewBackfill(body))));
