import "server-only";
import { isUuid } from "@/lib/base/uuid";
import { assertSignedIn, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { readPortfolioReadModel, storePortfolioReadModel } from "@/lib/db/read-models";
import { getPortfolioDetail, type PortfolioDetail } from "./get-portfolio-detail";
import { portfolioAnswer, type NotModified, type PortfolioDetailRead } from "./portfolio-answer";

/**
 * The viewer's own portfolio from its stored read model: one query when the rows behind it are unchanged since it
 * was stored, else computed (getPortfolioDetail) and stored. Another user's, a deleted and a missing portfolio are
 * the same NotFoundError. With `ifNoneMatch` equal to the current tag, only the tag is returned (HTTP 304). While an
 * onboarding of its symbols is under way the answer changes by the second, so it is computed and not stored.
 */
export async function readPortfolioDetail(
  viewer: Viewer, portfolioId: string, options: { ifNoneMatch?: string | null; signal?: AbortSignal } = {},
): Promise<PortfolioDetailRead | NotModified> {
  assertSignedIn(viewer);
  const stored = isUuid(portfolioId) ? await readPortfolioReadModel(portfolioId, viewer.userId, options.signal) : null;
  if (!stored) throw new NotFoundError("Portfolio not found.");
  if (stored.bodyJson !== null) return portfolioAnswer(stored.bodyJson, stored.dataDate, stored.generation, options.ifNoneMatch);
  const detail = await getPortfolioDetail(viewer, portfolioId, options.signal);
  const detailJson = JSON.stringify(detail);
  if (detail.onboardingActive) return { detailJson, etag: null };
  await storePortfolioReadModel(portfolioId, stored.generation, detail.calcDate, detailJson);
  return portfolioAnswer(detailJson, detail.calcDate, stored.generation, options.ifNoneMatch);
}

/** The stored (or freshly computed) answer itself, for pages and exports. */
export async function readPortfolioDetailBody(viewer: Viewer, portfolioId: string, signal?: AbortSignal): Promise<PortfolioDetail> {
  const read = await readPortfolioDetail(viewer, portfolioId, { signal });
  if ("notModified" in read) throw new Error("unreachable: no If-None-Match was given");
  return JSON.parse(read.detailJson) as PortfolioDetail;
}
