import { handle } from "@/app/_lib/api";
import { buildExposuresCsv, csvFilename } from "@/lib/queries/build-portfolio-csv";
import { csvResponse, loadOwnPortfolio } from "../../_lib/load-own-portfolio";

export const dynamic = "force-dynamic";

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const detail = await loadOwnPortfolio(params);
  return csvResponse(buildExposuresCsv(detail), csvFilename(detail, "exposures"));
});
