import "server-only";
import { assertSignedIn, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { readPortfolioReadModel, storePortfolioReadModel } from "@/lib/db/read-models";
import { getPortfolioDetail, type PortfolioDetail } from "./get-portfolio-detail";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PortfolioDetailRead {
  /** The answer as JSON text, as stored: the API sends it as it is, a page parses it. */
  detailJson: string;
  /**
   * Identifies this answer: the data's date and the read model's generation (a strong HTTP entity tag); null while
   * an onboarding is under way (the answer changes without its rows changing).
   */
  etag: string | null;
}

export interface NotModified {
  notModified: true;
  etag: string;
}

/** The entity tag of a portfolio answer: the date of its data and the generation of its stored read model. */
export const portfolioEtag = (dataDate: string | null, generation: string) => `"p-${dataDate ?? "none"}-${generation}"`;

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
  const stored = UUID.test(portfolioId) ? await readPortfolioReadModel(portfolioId, viewer.userId, options.signal) : null;
  if (!stored) throw new NotFoundError("Portfolio not found.");
  if (stored.bodyJson !== null) {
    const etag = portfolioEtag(stored.dataDate, stored.generation);
    if (matchesEtag(options.ifNoneMatch, etag)) return { notModified: true, etag };
    return { detailJson: stored.bodyJson, etag };
  }
  const detail = await getPortfolioDetail(viewer, portfolioId, options.signal);
  const detailJson = JSON.stringify(detail);
  if (detail.onboardingActive) return { detailJson, etag: null };
  await storePortfolioReadModel(portfolioId, stored.generation, detail.calcDate, detailJson);
  const etag = portfolioEtag(detail.calcDate, stored.generation);
  if (matchesEtag(options.ifNoneMatch, etag)) return { notModified: true, etag };
  return { detailJson, etag };
}

/** If-None-Match: a list of tags (weak ones compare by their opaque part) or `*`. */
export function matchesEtag(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return value === "*" || value === etag;
  });
}

/** The stored (or freshly computed) answer itself, for pages and exports. */
export async function readPortfolioDetailBody(viewer: Viewer, portfolioId: string, signal?: AbortSignal): Promise<PortfolioDetail> {
  const read = await readPortfolioDetail(viewer, portfolioId, { signal });
  if ("notModified" in read) throw new Error("unreachable: no If-None-Match was given");
  return JSON.parse(read.detailJson) as PortfolioDetail;
}
