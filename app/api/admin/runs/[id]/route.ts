import { z } from "zod";
import { route } from "@/app/_lib/route";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { runIdSchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = route({ access: "admin", params: z.object({ id: runIdSchema }) }, async ({ viewer, params }) =>
  Response.json(await getRunDetail(viewer, params.id)));
