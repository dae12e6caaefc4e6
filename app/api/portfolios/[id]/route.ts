import { handle } from "@/app/_lib/api";
import { loadOwnPortfolio } from "../_lib/load-own-portfolio";

export const dynamic = "force-dynamic";

export const GET = handle(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  return Response.json(await loadOwnPortfolio(params));
});
