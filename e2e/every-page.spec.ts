import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, DEMO, E2E_ORIGIN, SAME_ORIGIN, type ApiRunList } from "./helpers";
import { discoverRoutes } from "./route-tree";

/**
 * Every page of the app/ tree (found from the folders, so a new page is covered without a list), plus the dead ends,
 * on a laptop and on a phone: the document is never wider than the viewport, no heatmap header box reaches into a
 * data cell, axe finds no serious or critical violation, and a full-page screenshot of each is attached.
 */

type Who = "anonymous" | "admin" | "demo";
interface Visit { name: string; path: string; who: Who; heatmap?: boolean; deadEnd?: "not-found" | "forbidden" }

const VIEWPORTS = [{ name: "laptop", width: 1440, height: 900 }, { name: "phone", width: 390, height: 844 }] as const;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** Who visits a page pattern: the admin pages as the admin, portfolio pages as the demo user, the rest signed out. */
function visitorOf(pattern: string): Who {
  if (pattern.startsWith("/admin")) return "admin";
  if (pattern.startsWith("/portfolios") || pattern === "/forbidden") return "demo";
  return "anonymous";
}

const HEATMAP_PAGES = new Set(["/admin/factors", "/admin/stress", "/portfolios/[id]"]);

async function signedInContext(browser: Browser, who: Who, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL: E2E_ORIGIN });
  if (who !== "anonymous") {
    const credentials = who === "admin" ? ADMIN : DEMO;
    const login = await context.request.post("/api/auth/login", { data: credentials, headers: SAME_ORIGIN });
    expect(login.status(), await login.text()).toBe(200);
  }
  return context;
}

async function buildVisits(browser: Browser): Promise<Visit[]> {
  const admin = await signedInContext(browser, "admin", VIEWPORTS[0]);
  const demo = await signedInContext(browser, "demo", VIEWPORTS[0]);
  const runs = (await (await admin.request.get("/api/admin/runs?days=365&pageSize=5")).json()) as ApiRunList;
  const portfolios = (await (await demo.request.get("/api/portfolios")).json()) as { portfolios?: { id: string }[] } | { id: string }[];
  const list = Array.isArray(portfolios) ? portfolios : portfolios.portfolios ?? [];
  await admin.close();
  await demo.close();
  expect(runs.runs.length, "the seeded batch left no run").toBeGreaterThan(0);
  expect(list.length, "the demo user has no portfolio").toBeGreaterThan(0);
  const ids: Record<string, string> = { "/admin/runs/[id]": runs.runs[0].id, "/admin/factors/[symbol]": "AAPL", "/portfolios/[id]": list[0].id };

  const visits: Visit[] = [];
  for (const route of discoverRoutes().filter((r) => r.kind === "page")) {
    const path = route.pattern.includes("[") ? ids[route.pattern] && route.pattern.replace(/\[[^\]]+\]/, ids[route.pattern]) : route.pattern;
    expect(path, `no id known for the new page ${route.pattern}: add one to every-page.spec.ts`).toBeTruthy();
    visits.push({ name: route.pattern, path: path!, who: visitorOf(route.pattern), heatmap: HEATMAP_PAGES.has(route.pattern) });
  }
  visits.push(
    { name: "signed-in home", path: "/", who: "demo" },
    { name: "unknown URL (admin)", path: "/no-such-page", who: "admin", deadEnd: "not-found" },
    { name: "unknown run id", path: `/admin/runs/${UNKNOWN_ID}`, who: "admin", deadEnd: "not-found" },
    { name: "unknown symbol", path: "/admin/factors/ZZZZQ", who: "admin", deadEnd: "not-found" },
    { name: "unknown portfolio", path: `/portfolios/${UNKNOWN_ID}`, who: "demo", deadEnd: "not-found" },
    { name: "non-admin at /admin", path: "/admin", who: "demo", deadEnd: "forbidden" },
  );
  return visits;
}

/** Boxes of heatmap column headers (the rotated labels and the header cells) that overlap a data cell of their table. */
async function headerOverlaps(page: Page): Promise<{ labels: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const overlaps: string[] = [];
    let labels = 0;
    for (const table of document.querySelectorAll("table")) {
      const rotated = [...table.querySelectorAll<HTMLElement>("[data-heatmap-label]")];
      if (rotated.length === 0) continue;
      labels += rotated.length;
      const headers = [...rotated, ...table.querySelectorAll<HTMLElement>("thead th")];
      const cells = [...table.querySelectorAll<HTMLElement>("tbody td, tbody th")];
      for (const header of headers) {
        const a = header.getBoundingClientRect();
        for (const cell of cells) {
          const b = cell.getBoundingClientRect();
          if (a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5) {
            overlaps.push(`"${header.textContent?.trim()}" covers "${cell.textContent?.trim()}" of ${table.getAttribute("aria-label")}`);
          }
        }
      }
    }
    return { labels, overlaps: overlaps.slice(0, 10) };
  });
}

let visits: Visit[] = [];
test.beforeAll(async ({ browser }) => { visits = await buildVisits(browser); });

for (const viewport of VIEWPORTS) {
  test(`every page at ${viewport.width}×${viewport.height}: fits the screen, readable heatmap headers, no serious axe violation`, async ({ browser }, testInfo) => {
    test.setTimeout(600_000);
    const contexts = new Map<Who, BrowserContext>();
    const problems: string[] = [];
    for (const visit of visits) {
      if (!contexts.has(visit.who)) contexts.set(visit.who, await signedInContext(browser, visit.who, viewport));
      const page = await contexts.get(visit.who)!.newPage();
      const response = await page.goto(visit.path);
      await page.waitForLoadState("networkidle").catch(() => undefined);
      const where = `${visit.name} (${visit.path} as ${visit.who})`;
      if (visit.deadEnd) {
        const kind = await page.getByTestId("dead-end").getAttribute("data-kind", { timeout: 5000 }).catch(() => null);
        if (kind !== visit.deadEnd) problems.push(`${where}: expected the ${visit.deadEnd} page, found ${kind ?? "no dead-end page"}`);
        if (visit.deadEnd === "not-found" && response?.status() !== 404) problems.push(`${where}: answered ${response?.status()}, not 404`);
        // A way on from the dead end: the header's navigation and the page's own links.
        if ((await page.getByRole("navigation").count()) < 1) problems.push(`${where}: no navigation`);
      } else if (response?.status() !== 200) {
        problems.push(`${where}: answered ${response?.status()}`);
      }

      const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      if (widths.document > widths.viewport) problems.push(`${where}: the document is ${widths.document}px wide in a ${widths.viewport}px viewport`);

      const heatmap = await headerOverlaps(page);
      if (visit.heatmap && heatmap.labels === 0) problems.push(`${where}: no heatmap column header found`);
      problems.push(...heatmap.overlaps.map((overlap) => `${where}: ${overlap}`));

      const axe = await new AxeBuilder({ page }).analyze();
      for (const violation of axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        problems.push(`${where}: axe ${violation.impact} ${violation.id} (${violation.help}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ")}`);
      }

      const name = `${viewport.name}-${visit.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}-${visit.who}.png`;
      await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
      await page.close();
    }
    for (const context of contexts.values()) await context.close();
    expect(problems).toEqual([]);
  });
}

test("on a phone the header keeps every link and Sign out inside a menu", async ({ browser }) => {
  const context = await signedInContext(browser, "admin", VIEWPORTS[1]);
  const page = await context.newPage();
  await page.goto("/admin/runs");
  const header = page.locator("header");
  await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();
  await header.getByText("Menu", { exact: true }).click();
  const signOut = header.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeVisible();
  const [headerBox, buttonBox] = [await header.boundingBox(), await signOut.boundingBox()];
  expect(buttonBox!.x + buttonBox!.width).toBeLessThanOrEqual(390);
  expect(buttonBox!.x).toBeGreaterThanOrEqual(headerBox!.x);
  await header.getByRole("link", { name: "Symbols" }).click();
  await expect(page).toHaveURL(/\/admin\/symbols$/);
  await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();
  await context.close();
});
