/**
 * The server's portfolio page cache against a real PostgreSQL, with a stand-in for Next that renders like it does (the
 * proxy's policy with a fresh nonce, the nonce on the scripts, the page's marker) and counts its renders. The real Next
 * page through this cache is covered by e2e/portfolio.spec.ts.
 */
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { getPool } from "@/lib/db/client";
import { invalidatePortfolioReadModels, readPortfolioReadModel, storePortfolioReadModel } from "@/lib/db/read-models";
import { deletePersonalScenario, insertPersonalScenario } from "@/lib/db/stress-scenario-rows";
import { insertTestPortfolio, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";
import { acceptsGzip, createPortfolioPageCache, portfolioPageId, PORTFOLIO_PAGE_MARKER, resolvePageCacheBytes, type PortfolioPageCache } from "./portfolio-page-cache";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

/** The User-Agent is part of a kept page's key: every request here sends the same one. */
const AGENT = "page-cache-test";
const ID = "0b7c5c1e-4f7e-4d3a-9a51-6a2f1f9e8c21";

/** What the stand-in for Next does next: a normal page, or another answer. */
let renderAs: "page" | "not-found" | "with-cookie" | "errored-boundary" = "page";
let renders = 0;
let cache: PortfolioPageCache;
let server: Server;
let base: string;
let ownerId: string;
let ownerCookie: string;
let otherCookie: string;
let portfolioId: string;

/** Next's page as the proxy and the renderer write it: the nonce in the policy, the Link header and every script. */
async function renderLikeNext(request: IncomingMessage, response: ServerResponse): Promise<void> {
  renders += 1;
  const nonce = createNonce();
  for (const [name, value] of Object.entries(securityHeaders(contentSecurityPolicy(nonce, false)))) response.setHeader(name, value);
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  response.setHeader("link", `</_next/static/chunks/app.css>; rel=preload; as="style"; nonce="${nonce}"`);
  if (renderAs === "with-cookie") response.setHeader("set-cookie", "x=1; Path=/");
  const status = renderAs === "not-found" ? 404 : 200;
  response.writeHead(status);
  response.write(`<!DOCTYPE html><html><head><script nonce="${nonce}">self.n=1</script></head><body>`);
  // Streamed in pieces, as Next does; the render number shows which render a body came from.
  response.write(`<div class="space-y-6" ${status === 200 ? PORTFOLIO_PAGE_MARKER : ""}>render ${renders} · ünïcode · ${request.url}</div>`);
  if (renderAs === "errored-boundary") response.write("<!--$!--><template data-dgst=\"1\"></template><!--/$-->");
  response.end(`<script nonce="${nonce}">self.__next_f.push([1,"nonce ${nonce}"])</script></body></html>`);
}

useTestDatabase();
beforeAll(async () => {
  cache = createPortfolioPageCache({ maxBytes: 8 * 2 ** 20 });
  server = createServer(async (request, response) => {
    if (!(await cache.serve(request, response, renderLikeNext))) await renderLikeNext(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ownerId = await insertTestUser();
  ownerCookie = `${sessionCookieName()}=${(await createSession(ownerId)).token}`;
  otherCookie = `${sessionCookieName()}=${(await createSession(await insertTestUser())).token}`;
  portfolioId = await insertTestPortfolio({ userId: ownerId, startingEquity: 100_000, inceptionDate: "2025-12-01", name: "Kept book" });
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Stores a read-model answer, as the first read after a change does: the page may be kept from now on. */
async function storeAnswer(): Promise<void> {
  const stored = await readPortfolioReadModel(portfolioId, ownerId);
  await storePortfolioReadModel(portfolioId, stored!.generation, null, "{}");
}

beforeEach(async () => {
  renderAs = "page";
  await storeAnswer();
});

interface PageAnswer {
  status: number;
  body: string;
  headers: Headers;
  /** The nonce of the answer's policy. */
  nonce: string;
  servedFrom: string | null;
}

async function get(cookie: string, headers: Record<string, string> = {}, path = `/portfolios/${portfolioId}`): Promise<PageAnswer> {
  const response = await fetch(`${base}${path}`, { headers: { cookie, "accept-encoding": "identity", "user-agent": AGENT, ...headers } });
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  return { status: response.status, body: await response.text(), headers: response.headers, nonce, servedFrom: response.headers.get("server-timing") };
}

describe("the portfolio page cache", () => {
  it("sends the owner's page again without rendering, with a fresh nonce wherever the render's stood", async () => {
    const first = await get(ownerCookie);
    const rendersAfterFirst = renders;
    const second = await get(ownerCookie);
    expect(renders).toBe(rendersAfterFirst);
    expect(first.servedFrom).toBe('page;desc="rendered"');
    expect(second.servedFrom).toBe('page;desc="kept"');
    expect(second.status).toBe(200);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // The same page, byte for byte, once each response's own nonce is masked; the old nonce appears nowhere.
    expect(second.body.replaceAll(second.nonce, "N")).toBe(first.body.replaceAll(first.nonce, "N"));
    expect(second.body.split(second.nonce)).toHaveLength(4);
    expect(second.body).not.toContain(first.nonce);
    expect(second.headers.get("link")).toBe(`</_next/static/chunks/app.css>; rel=preload; as="style"; nonce="${second.nonce}"`);
    for (const name of ["cache-control", "content-type", "x-frame-options", "x-content-type-options", "referrer-policy"]) {
      expect(second.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(Number(second.headers.get("content-length"))).toBe(Buffer.byteLength(second.body));
  });

  it("compresses a kept page for a client that accepts gzip", async () => {
    const plain = await get(ownerCookie);
    // node:http, not fetch: fetch would decode the body and hide what travelled.
    const { headers, bytes } = await new Promise<{ headers: IncomingMessage["headers"]; bytes: Buffer }>((resolve, reject) => {
      httpGet(`${base}/portfolios/${portfolioId}`, { headers: { cookie: ownerCookie, "accept-encoding": "br;q=1, gzip;q=0.5", "user-agent": AGENT } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) })).on("error", reject);
      }).on("error", reject);
    });
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["server-timing"]).toBe('page;desc="kept"');
    expect(Number(headers["content-length"])).toBe(bytes.length);
    const nonce = /'nonce-([^']+)'/.exec(String(headers["content-security-policy"]))![1];
    const body = gunzipSync(bytes).toString("utf8");
    expect(body.replaceAll(nonce, "N")).toBe(plain.body.replaceAll(plain.nonce, "N"));
  });

  it("renders again after the portfolio's data changed (a new read-model generation), and keeps the new page", async () => {
    await get(ownerCookie);
    await invalidatePortfolioReadModels([portfolioId]);
    const whileStale = renders;
    const stale = await get(ownerCookie);
    expect(renders).toBe(whileStale + 1);
    expect(stale.servedFrom).toBeNull(); // the answer is not stored yet: Next alone renders (and computes it)
    await storeAnswer();
    const fresh = await get(ownerCookie);
    expect(fresh.body).toContain(`render ${renders}`);
    const again = await get(ownerCookie);
    expect(again.servedFrom).toBe('page;desc="kept"');
    expect(again.body.replaceAll(again.nonce, "N")).toBe(fresh.body.replaceAll(fresh.nonce, "N"));
    expect(renders).toBe(whileStale + 2);
  });

  it("renders again after the viewer saved or deleted a scenario (the builder lists them: a new read-model generation)", async () => {
    await get(ownerCookie);
    const before = renders;
    const scenario = await insertPersonalScenario({ ownerId, name: "Rates up", description: "", shocks: { "Interest Rate": 0.01 } });
    expect((await get(ownerCookie)).servedFrom).toBeNull(); // the answer is stale: Next alone renders and computes it
    await storeAnswer();
    expect((await get(ownerCookie)).servedFrom).toBe('page;desc="rendered"');
    expect((await get(ownerCookie)).body).toContain(`render ${before + 2}`);
    await deletePersonalScenario(ownerId, scenario.scenarioId);
    await storeAnswer();
    const afterDeletion = await get(ownerCookie);
    expect(afterDeletion.servedFrom).toBe('page;desc="rendered"');
    expect(renders).toBe(before + 3);
  });

  it("renders again when the viewer's name changed (the header shows it)", async () => {
    await get(ownerCookie);
    const before = renders;
    await getPool().query("UPDATE users SET name = 'Renamed owner' WHERE id = $1", [ownerId]);
    await get(ownerCookie);
    expect(renders).toBe(before + 1);
  });

  it("never sends a kept page to another user, a visitor or a revoked session: Next answers them", async () => {
    await get(ownerCookie);
    const before = renders;
    const other = await get(otherCookie);
    const visitor = await get("");
    expect(renders).toBe(before + 2);
    for (const answer of [other, visitor]) {
      expect(answer.servedFrom).toBeNull();
      expect(answer.body).not.toContain(`render ${before}`);
    }
    const token = (await createSession(ownerId)).token;
    const cookie = `${sessionCookieName()}=${token}`;
    expect((await get(cookie)).servedFrom).toBe('page;desc="kept"');
    await revokeSession(token);
    const revoked = await get(cookie);
    expect(revoked.servedFrom).toBeNull();
    expect(renders).toBe(before + 3);
  });

  it("keeps no 404, no answer that sets a cookie, no page with a boundary left to the browser", async () => {
    for (const kind of ["not-found", "with-cookie", "errored-boundary"] as const) {
      await invalidatePortfolioReadModels([portfolioId]);
      await storeAnswer();
      renderAs = kind;
      await get(ownerCookie);
      renderAs = "page";
      const before = renders;
      expect((await get(ownerCookie)).servedFrom, kind).toBe('page;desc="rendered"');
      expect(renders, kind).toBe(before + 1);
    }
  });

  it("renders afresh for a hard reload (Cache-Control: no-cache) and keeps that render", async () => {
    await get(ownerCookie);
    const before = renders;
    const reloaded = await get(ownerCookie, { "cache-control": "no-cache", pragma: "no-cache" });
    expect(reloaded.servedFrom).toBe('page;desc="rendered"');
    expect(renders).toBe(before + 1);
    expect((await get(ownerCookie)).body).toContain(`render ${before + 1}`);
  });

  it("leaves query strings, navigations and prefetches, other methods and paths to Next", async () => {
    await get(ownerCookie);
    const before = renders;
    await get(ownerCookie, {}, `/portfolios/${portfolioId}?tab=stress`);
    await get(ownerCookie, { rsc: "1" });
    await get(ownerCookie, { "next-router-prefetch": "1" });
    expect(renders).toBe(before + 3);
    const head = await fetch(`${base}/portfolios/${portfolioId}`, { method: "HEAD", headers: { cookie: ownerCookie } });
    expect(head.headers.get("server-timing")).toBeNull();
  });

  it("stays within its byte budget, dropping the least recently used page", async () => {
    // One page is about 600 bytes: a budget of 1,000 holds one (a User-Agent of its own makes a second page).
    const small = createPortfolioPageCache({ maxBytes: 1_000 });
    const tiny = createServer(async (request, response) => {
      if (!(await small.serve(request, response, renderLikeNext))) await renderLikeNext(request, response);
    });
    await new Promise<void>((resolve) => tiny.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(tiny.address() as AddressInfo).port}/portfolios/${portfolioId}`;
    const servedFrom = async (agent: string) => (await fetch(url, { headers: { cookie: ownerCookie, "user-agent": agent } })).headers.get("server-timing");
    try {
      expect(await servedFrom("a")).toBe('page;desc="rendered"');
      expect(await servedFrom("a")).toBe('page;desc="kept"');
      expect(await servedFrom("b")).toBe('page;desc="rendered"');
      expect(small.size().pages).toBe(1);
      expect(small.size().bytes).toBeLessThanOrEqual(1_000);
      expect(await servedFrom("a")).toBe('page;desc="rendered"');
    } finally {
      await new Promise<void>((resolve) => tiny.close(() => resolve()));
    }
    const off = createPortfolioPageCache({ maxBytes: 0 });
    expect(await off.serve({ method: "GET", url: `/portfolios/${portfolioId}`, headers: { cookie: ownerCookie } } as IncomingMessage, {} as ServerResponse, renderLikeNext)).toBe(false);
  });
});

describe("portfolioPageId, acceptsGzip and PAGE_CACHE_MB", () => {
  it("takes a full-page GET of /portfolios/<uuid> only", () => {
    expect(portfolioPageId({ method: "GET", url: `/portfolios/${ID}`, headers: {} })).toBe(ID);
    for (const url of [`/portfolios/${ID}?x=1`, `/portfolios/${ID}/`, "/portfolios/new", `/api/portfolios/${ID}`, `/portfolios/${ID}x`, undefined]) {
      expect(portfolioPageId({ method: "GET", url, headers: {} }), url).toBeNull();
    }
    expect(portfolioPageId({ method: "POST", url: `/portfolios/${ID}`, headers: {} })).toBeNull();
    expect(portfolioPageId({ method: "GET", url: `/portfolios/${ID}`, headers: { "next-router-state-tree": "x" } })).toBeNull();
  });

  it("reads Accept-Encoding as RFC 9110 does", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it("takes the budget from PAGE_CACHE_MB and refuses a wrong one with a sentence", () => {
    expect(resolvePageCacheBytes({})).toBe(64 * 2 ** 20);
    expect(resolvePageCacheBytes({ PAGE_CACHE_MB: "0" })).toBe(0);
    expect(resolvePageCacheBytes({ PAGE_CACHE_MB: " 16 " })).toBe(16 * 2 ** 20);
    for (const raw of ["-1", "1.5", "lots", "5000"]) expect(() => resolvePageCacheBytes({ PAGE_CACHE_MB: raw })).toThrow(/PAGE_CACHE_MB must be a whole number/);
  });
});
