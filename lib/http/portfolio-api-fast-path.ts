/**
 * `GET /api/portfolios/<id>` answered by `npm start`'s server process before Next.js routes the request, when the
 * answer is already stored: a signed-in owner and a stored read model cost two queries (the session, the read model)
 * and no framework work. Next's own cost per request (routing, the proxy, Web Request/Response objects) was several
 * times the database's.
 *
 * Only the common answer is taken here, with the same functions the route handler uses (readSession,
 * readPortfolioReadModel, portfolioAnswer). Everything else (no or a dead session, another user's or a missing
 * portfolio, a read model not yet computed, an onboarding under way, any error) goes on to Next unchanged, so
 * refusals and their sentences have one source: proxy.ts and app/api/portfolios/[id]/route.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isUuid } from "../base/uuid";
import { readSessionCookie } from "../auth/session-cookie";
import { readSession } from "../auth/sessions";
import { readPortfolioReadModel } from "../db/read-models";
import { portfolioAnswer, portfolioAnswerHeaders } from "../queries/portfolio-answer";
import { answerWhileClientWaits } from "./client-abort";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

const PATH_PREFIX = "/api/portfolios/";

/** The portfolio id of a `GET /api/portfolios/<uuid>` (any query string), or null for every other request. */
export function fastPathPortfolioId(method: string | undefined, url: string | undefined): string | null {
  if (method !== "GET" || !url?.startsWith(PATH_PREFIX)) return null;
  const end = url.indexOf("?");
  const id = url.slice(PATH_PREFIX.length, end < 0 ? url.length : end);
  return isUuid(id) ? id : null;
}

/**
 * Answers the request and resolves true, or resolves false without having written anything: then Next must answer.
 * A client that goes away cancels the queries.
 */
export async function answerStoredPortfolio(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const portfolioId = fastPathPortfolioId(request.method, request.url);
  if (!portfolioId) return false;
  const token = readSessionCookie(request.headers.cookie);
  if (!token) return false;
  return answerWhileClientWaits(response, async (signal) => {
    const viewer = await readSession(token);
    if (!viewer) return false;
    const stored = await readPortfolioReadModel(portfolioId, viewer.userId, signal);
    if (!stored || stored.bodyJson === null) return false;
    const answer = portfolioAnswer(stored.bodyJson, stored.dataDate, stored.generation, request.headers["if-none-match"]);
    const headers = {
      // The policy the proxy gives every response; a JSON answer runs no script, so its nonce is never used.
      ...securityHeaders(contentSecurityPolicy(createNonce(), false)),
      ...portfolioAnswerHeaders(answer.etag),
    };
    if ("notModified" in answer) {
      response.writeHead(304, headers).end();
    } else {
      const body = Buffer.from(answer.detailJson);
      response.writeHead(200, { ...headers, "content-type": "application/json", "content-length": body.length }).end(body);
    }
    return true;
  });
}
