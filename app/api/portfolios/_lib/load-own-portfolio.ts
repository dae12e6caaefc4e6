import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { PortfolioDetail } from "@/lib/queries/get-portfolio-detail";
import { readPortfolioDetailBody } from "@/lib/queries/read-portfolio-detail";

/** The viewer's own portfolio; another user's, a missing one and a malformed id are the same 404 (NotFoundError). */
export function loadOwnPortfolio(viewer: Viewer, params: { id: string }): Promise<PortfolioDetail> {
  return readPortfolioDetailBody(viewer, params.id);
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
}
