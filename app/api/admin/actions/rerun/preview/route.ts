import { route } from "@/app/_lib/route";
import { previewRerun } from "@/lib/batch/run-plans";
import { rerunInputSchema } from "@/lib/schemas/admin-actions";
import { mapBatchErrors } from "../../_lib/map-batch-error";

export const dynamic = "force-dynamic";

export const POST = route({ access: "admin", body: rerunInputSchema }, async ({ body }) => Response.json(await mapBatchErrors(() => previewRerun(body))));
