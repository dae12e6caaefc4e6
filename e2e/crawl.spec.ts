import { createRequire } from "node:module";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ADMIN, apiContext, DEMO, getJson, signInAndWait, type ApiRunList } from "./helpers";
import { discoverRoutes, fillPattern } from "./route-tree";

/**
 * No admin data and no other user's data in any response to a visitor or a signed-in non-admin: every page and API
 * route of the app/ tree, with plain, RSC, prefetch and RSC + Next-Router-State-Tree requests (trees copied from a
 * real admin's clicks), whatever the status. Markers planted in an admin-owned portfolio, run history and user
 * emails must never appear; the same crawl as the admin finds them, so the markers are real.
 */

const require = createRequire(import.meta.url);
const { computeCacheBustingSearchParam } = require("next/dist/shared/lib/router/utils/cache-busting-search-param") as {
  computeCacheBustingSearchParam: (prefetch?: string, segmentPrefetch?: string, stateTree?: string, nextUrl?: string) => Promise<string>;
};

interface Variant { name: string; headers: Record<string, string> }
interface Hit { route: string; request: string; status: number; body: string; location: string | null }

const ROUTES = discoverRoutes();
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

test.describe.configure({ timeout: 600_000 });

test("no response of any route, status or header variant shows admin or other users' data to a visitor or a non-admin", async ({ browser }) => {
  // --- plant markers as the admin: a portfolio of the admin's own, run history, and the users' emails
  const admin = await apiContext(ADMIN);
  const markerName = `Crawl marker book ${Date.now().toString(36)}`;
  const created = await admin.post("/api/portfolios", {
    data: { name: markerName, startingEquity: 750_000, positions: [{ symbol: "AAPL", quantity: 100, entryPrice: 150, entryDate: "2026-10-01" }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { portfolioId } = (await created.json()) as { portfolioId: string };
  const runs = await ensureTwoRuns(admin);
  const [urlRun, ...markerRuns] = runs;
  const markersForAnonymous = [markerName, ADMIN.email, DEMO.email, ...markerRuns];
  const markersForDemo = [markerName, ADMIN.email, ...markerRuns];

  // --- the router state trees a real admin's clicks send
  const trees = await captureRouterStateTrees(browser);
  expect(trees.length, "no Next-Router-State-Tree captured from admin navigation").toBeGreaterThan(0);
  const variants = await buildVariants(trees);

  const known = { "runs/[id]": [urlRun], "portfolios/[id]": [portfolioId], "factors/[symbol]": ["AAPL"] };
  const candidates = [urlRun, portfolioId, "AAPL", "market_down_10"];
  expect(ROUTES.some((route) => route.pattern === "/admin/stress")).toBe(true);
  expect(ROUTES.filter((route) => route.kind === "api").length).toBeGreaterThan(10);

  // --- positive control: the admin sees every marker somewhere, so a leak would be seen too
  const adminHits = await crawl(admin, known, candidates, [{ name: "plain", headers: {} }]);
  const adminText = adminHits.map((hit) => hit.body).join("\n");
  for (const marker of markersForAnonymous) expect(adminText, `marker ${marker} never shown even to the admin`).toContain(marker);

  // --- the visitor and the signed-in non-admin see none of them, in any body or redirect
  const anonymous = await apiContext(undefined, { maxRedirects: 0 });
  const demo = await apiContext(DEMO, { maxRedirects: 0 });
  for (const [who, context, markers] of [["anonymous", anonymous, markersForAnonymous], ["demo user", demo, markersForDemo]] as const) {
    const hits = await crawl(context, known, candidates, variants);
    const leaks = hits.flatMap((hit) => markers.filter((marker) => hit.body.includes(marker) || hit.location?.includes(marker))
      .map((marker) => `${who}: ${hit.request} → ${hit.status} contains ${marker}`));
    expect(leaks).toEqual([]);
    const crashes = hits.filter((hit) => hit.status === 500).map((hit) => `${who}: ${hit.request} → 500`);
    expect(crashes).toEqual([]);
    const requested = new Set(hits.map((hit) => hit.route));
    expect(ROUTES.filter((route) => !requested.has(route.pattern)).map((route) => route.pattern), `${who}: routes never requested`).toEqual([]);
    const adminPages = hits.filter((hit) => /^GET \/admin[/? ]/.test(hit.request));
    expect(adminPages.length).toBeGreaterThan(0);
    for (const hit of adminPages) expect([307, 308], `${who}: ${hit.request}`).toContain(hit.status);
  }
  // The non-admin's crawl was signed in throughout (logout is requested last).
  expect((await demo.get("/api/portfolios")).status()).toBe(401);
});

/** Two or more runs in history: the oldest fills URLs, the others are markers (a URL may echo its own id). */
async function ensureTwoRuns(admin: APIRequestContext): Promise<string[]> {
  let list = (await (await admin.get("/api/admin/runs?days=365&pageSize=200")).json()) as ApiRunList;
  if (list.runs.length < 2) {
    const date = list.runs.flatMap((run) => run.calcDates).sort().at(-1)!;
    const started = await admin.post("/api/admin/actions/rerun", { data: { date, phase: "phase_6_stress" } });
    expect(started.status(), await started.text()).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    await expect.poll(async () => ((await (await admin.get(`/api/admin/runs/${runId}`)).json()) as { status: string }).status, { timeout: 180_000 }).not.toBe("running");
    list = (await (await admin.get("/api/admin/runs?days=365&pageSize=200")).json()) as ApiRunList;
  }
  return list.runs.map((run) => run.id).reverse();
}

async function captureRouterStateTrees(browser: import("@playwright/test").Browser): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const trees = new Set<string>();
  page.on("request", (request) => {
    const tree = request.headers()["next-router-state-tree"];
    if (tree) trees.add(tree);
  });
  await signInAndWait(page, ADMIN, "/admin");
  await page.goto("/admin");
  for (const label of ["Runs", "Stress", "Symbols", "Portfolios"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
    await page.waitForLoadState("networkidle");
  }
  await getJson(page, "/api/portfolios");
  await context.close();
  return [...trees].slice(0, 4);
}

async function buildVariants(trees: string[]): Promise<Variant[]> {
  const variants: Variant[] = [
    { name: "plain", headers: { accept: "text/html" } },
    { name: "RSC", headers: { rsc: "1" } },
    { name: "RSC prefetch", headers: { rsc: "1", "next-router-prefetch": "1" } },
    ...trees.map((tree, i) => ({ name: `RSC tree ${i}`, headers: { rsc: "1", "next-router-state-tree": tree } })),
  ];
  // Each RSC variant twice: as sent by hand (Next may redirect to add its cache-busting _rsc) and with a valid _rsc.
  const withHash = await Promise.all(variants.filter((variant) => variant.headers.rsc).map(async (variant) => ({
    name: `${variant.name} +_rsc`,
    headers: { ...variant.headers, "x-rsc-param": await computeCacheBustingSearchParam(variant.headers["next-router-prefetch"], undefined, variant.headers["next-router-state-tree"], undefined) },
  })));
  return [...variants, ...withHash];
}

async function crawl(context: APIRequestContext, known: Record<string, string[]>, candidates: string[], variants: Variant[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const last: (() => Promise<void>)[] = [];
  for (const route of ROUTES) {
    for (const path of fillPattern(route.pattern, known, candidates)) {
      for (const method of route.methods) {
        const send = async () => {
          for (const variant of STATE_CHANGING.has(method) ? [{ name: "json", headers: {} }] : variants) {
            hits.push({ route: route.pattern, ...(await request(context, method, path, variant)) });
          }
        };
        // Signing out would end the crawl's own session: do it after everything else.
        if (path === "/api/auth/logout") last.push(send);
        else await send();
      }
    }
  }
  for (const send of last) await send();
  return hits;
}

async function request(context: APIRequestContext, method: string, path: string, variant: Variant): Promise<Omit<Hit, "route">> {
  const { "x-rsc-param": rsc, ...headers } = variant.headers as Record<string, string>;
  const url = rsc === undefined ? path : `${path}?_rsc=${rsc}`;
  const response: APIResponse = STATE_CHANGING.has(method)
    ? await context.fetch(url, { method, data: {}, headers: { "content-type": "application/json" } })
    : await context.fetch(url, { method, headers });
  return { request: `${method} ${url} [${variant.name}]`, status: response.status(), body: await response.text(), location: response.headers()["location"] ?? null };
}
