import { z } from "zod";
import { route } from "@/app/_lib/route";
import { loadOwnPortfolio } from "../_lib/load-own-portfolio";

export const dynamic = "force-dynamic";

export const GET = route({ access: "user", params: z.object({ id: z.string() }) }, async ({ viewer, params }) =>
  Response.json(await loadOwnPortfolio(viewer, params)));
