// No "server-only" marker here: server.mjs loads the portfolio API's fast path (lib/http/portfolio-api-fast-path.ts)
// outside Next's bundler, and it answers from these same rules.

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

/** If-None-Match: a list of tags (weak ones compare by their opaque part) or `*`. */
export function matchesEtag(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return value === "*" || value === etag;
  });
}

/** The answer of a stored (or just stored) body of `generation`: only its tag when If-None-Match already has it. */
export function portfolioAnswer(
  detailJson: string, dataDate: string | null, generation: string, ifNoneMatch: string | null | undefined,
): (PortfolioDetailRead & { etag: string }) | NotModified {
  const etag = portfolioEtag(dataDate, generation);
  return matchesEtag(ifNoneMatch, etag) ? { notModified: true, etag } : { detailJson, etag };
}

/**
 * The headers of a tagged portfolio answer (200 or 304): cached by the browser only (private) and revalidated on
 * every use, since the tag changes with the data; the answer is the session's, so caches key it by the cookie.
 */
export function portfolioAnswerHeaders(etag: string): Record<string, string> {
  return { etag, "cache-control": "private, no-cache", vary: "Cookie" };
}
