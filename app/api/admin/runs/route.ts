import { route } from "@/app/_lib/route";
import { getRunList } from "@/lib/queries/get-run-list";
import { runListQuerySchema } from "@/lib/schemas/admin-runs";

export const dynamic = "force-dynamic";

export const GET = route({ access: "admin", query: runListQuerySchema }, async ({ viewer, query }) => Response.json(await getRunList(viewer, query)));
