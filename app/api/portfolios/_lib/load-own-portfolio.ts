import "server-only";
import { HttpError, parseWith, requireApiUser } from "@/app/_lib/api";
import { getPortfolioDetail, type PortfolioDetail } from "@/lib/queries/get-portfolio-detail";
import { portfolioIdSchema } from "@/lib/schemas/portfolio";

/** The caller's own portfolio, or 404 — another user's portfolio is indistinguishable from a missing one. */
export async function loadOwnPortfolio(params: Promise<{ id: string }>): Promise<PortfolioDetail> {
  const session = await requireApiUser();
  const { id } = await params;
  const parsed = portfolioIdSchema.safeParse(id);
  if (!parsed.success) throw new HttpError(404, "Portfolio not found.");
  const detail = await getPortfolioDetail(parseWith(portfolioIdSchema, id), session.userId);
  if (!detail) throw new HttpError(404, "Portfolio not found.");
  return detail;
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
}
