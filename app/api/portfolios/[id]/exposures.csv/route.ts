import { z } from "zod";
import { route } from "@/app/_lib/route";
import { buildExposuresCsv, csvFilename } from "@/lib/queries/build-portfolio-csv";
import { csvResponse, loadOwnPortfolio } from "../../_lib/load-own-portfolio";

export const dynamic = "force-dynamic";

export const GET = route({ access: "user", params: z.object({ id: z.string() }) }, async ({ viewer, params }) => {
  const detail = await loadOwnPortfolio(viewer, params);
  return csvResponse(buildExposuresCsv(detail), csvFilename(detail, "exposures"));
});
