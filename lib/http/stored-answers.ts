/**
 * What `npm start`'s server process answers before Next.js: the portfolio API's stored read model
 * (portfolio-api-fast-path.ts), then the portfolio page kept as rendered (portfolio-page-cache.ts), else Next.
 * server.mjs loads this one module through tsx, once per process: every tsImport evaluates its own module graph, so
 * importing the two separately would give each its own connection pool.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerStoredPortfolio } from "./portfolio-api-fast-path";
import { createPortfolioPageCache, type RenderPage } from "./portfolio-page-cache";

export { resolvePageCacheBytes } from "./portfolio-page-cache";

/** Next's handler behind the stored answers; `pageCacheBytes` 0 keeps no pages. */
export function withStoredAnswers(handle: RenderPage, pageCacheBytes: number): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const pageCache = createPortfolioPageCache({ maxBytes: pageCacheBytes });
  return async (request, response) => {
    if (await answerStoredPortfolio(request, response)) return;
    if (await pageCache.serve(request, response, handle)) return;
    await handle(request, response);
  };
}
