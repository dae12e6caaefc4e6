import { z } from "zod";
import { route } from "@/app/_lib/route";
import { portfolioAnswerHeaders } from "@/lib/queries/portfolio-answer";
import { readPortfolioDetail } from "@/lib/queries/read-portfolio-detail";

export const dynamic = "force-dynamic";

// An unchanged portfolio costs one query and a 304. `npm start` answers a stored portfolio before Next routes the
// request (lib/http/portfolio-api-fast-path.ts); this handler answers the rest: the first read, an onboarding, 404s.
export const GET = route({ access: "user", params: z.object({ id: z.string() }) }, async ({ request, viewer, params }) => {
  const read = await readPortfolioDetail(viewer, params.id, { ifNoneMatch: request.headers.get("if-none-match"), signal: request.signal });
  if ("notModified" in read) return new Response(null, { status: 304, headers: portfolioAnswerHeaders(read.etag) });
  const headers = { "content-type": "application/json", ...(read.etag ? portfolioAnswerHeaders(read.etag) : {}) };
  // The stored JSON text as it is: no parse and no second serialisation per request.
  return new Response(read.detailJson, { headers });
});
