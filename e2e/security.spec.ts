import { readFileSync } from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN, DEMO, E2E_ORIGIN, getJson, postJson, signInAndWait, type ApiRunList } from "./helpers";
import { discoverRoutes, fillPattern } from "./route-tree";

const SESSION_COOKIE = "__Host-fw_session";

test("after sign-in, next is followed only to a path of this site", async ({ browser }) => {
  for (const next of ["/\\evil.example", "/%5Cevil.example", "//evil.example", "https://evil.example", "%2F%2Fevil.example", "/%09/evil.example", "/%255Cevil.example"]) {
    const context = await browser.newContext();
    const foreign: string[] = [];
    context.on("request", (request) => {
      if (new URL(request.url()).origin !== E2E_ORIGIN) foreign.push(request.url());
    });
    const page = await context.newPage();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Email").fill(DEMO.email);
    await page.getByLabel("Password").fill(DEMO.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.waitForLoadState("networkidle");
    expect(new URL(page.url()).origin, `next=${next} landed on ${page.url()}`).toBe(E2E_ORIGIN);
    expect(foreign, `next=${next}`).toEqual([]);
    await context.close();
  }
});

test("Chromium keeps the session in a __Host- cookie that is Secure, HttpOnly and SameSite=Lax, on http://127.0.0.1", async ({ page, context }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const cookie = (await context.cookies(E2E_ORIGIN)).find((candidate) => candidate.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/", domain: "127.0.0.1" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("fw_session");
  expect((await page.request.get("/api/portfolios")).status()).toBe(200);
});

test("a session cookie copied before signing out is refused afterwards", async ({ page, context }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const token = (await context.cookies(E2E_ORIGIN)).find((candidate) => candidate.name === SESSION_COOKIE)!.value;
  const copy = await playwrightRequest.newContext({ baseURL: E2E_ORIGIN, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 });
  expect((await copy.get("/api/portfolios")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  const api = await copy.get("/api/portfolios");
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: "Sign in first." });
  const pageAnswer = await copy.get("/portfolios");
  expect(pageAnswer.status()).toBe(307);
  expect(pageAnswer.headers()["location"]).toContain("/login?next=%2Fportfolios");
});

test("a cross-site form, a text/plain body or a foreign Origin cannot sign anyone in", async ({ page, context }) => {
  // A real cross-site page: a form posting text/plain that spells the JSON of a login, submitted by the browser.
  await context.route("http://evil.test/**", (route) => route.fulfill({
    contentType: "text/html",
    body: `<form method="POST" enctype="text/plain" action="${E2E_ORIGIN}/api/auth/login">
             <input name='{"email":"${DEMO.email}","password":"${DEMO.password}","x":"' value='"}'></form>
           <script>document.forms[0].submit()</script>`,
  }));
  const answer = page.waitForResponse(`${E2E_ORIGIN}/api/auth/login`);
  await page.goto("http://evil.test/");
  const response = await answer;
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("Refused: this request came from another site");
  expect((await context.cookies(E2E_ORIGIN)).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);

  const client = await playwrightRequest.newContext({ baseURL: E2E_ORIGIN });
  for (const headers of [{ origin: E2E_ORIGIN, "content-type": "text/plain" }, { origin: "https://evil.example", "content-type": "application/json" }]) {
    const refused = await client.post("/api/auth/login", { data: JSON.stringify(DEMO), headers });
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    expect((await refused.json()).error).toMatch(/^Refused: /);
    expect(refused.headers()["set-cookie"]).toBeUndefined();
  }
  expect((await client.storageState()).cookies).toEqual([]);
});

test("every page passes its Content-Security-Policy and carries the security headers", async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const store = window as unknown as { cspViolations?: string[] };
      (store.cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const consoleProblems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) consoleProblems.push(`${page.url()}: ${message.text()}`);
  });
  await signInAndWait(page, ADMIN, "/admin");
  const run = (await getJson<ApiRunList>(page, "/api/admin/runs?days=365")).runs[0];
  const own = await postJson(page, "/api/portfolios", { name: "CSP check", startingEquity: 100_000, positions: [{ symbol: "MSFT", quantity: 10, entryPrice: 300, entryDate: "2026-10-01" }] });
  const { portfolioId } = (await own.json()) as { portfolioId: string };
  const known = { "runs/[id]": [run.id], "portfolios/[id]": [portfolioId], "factors/[symbol]": ["AAPL"] };
  const paths = discoverRoutes().filter((route) => route.kind === "page").flatMap((route) => fillPattern(route.pattern, known, [run.id]));
  for (const path of [...paths, "/no-such-page"]) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    const headers = response!.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    // The app hydrated: Next's own scripts ran under the policy.
    expect(await page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version), path).toBe("string");
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []), path).toEqual([]);
  }
  expect(consoleProblems).toEqual([]);
  for (const path of ["/api/portfolios", "/health/live"]) {
    const headers = (await page.request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("a CSV export of a portfolio named =HYPERLINK(…) opens as text, with numbers still numbers", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const name = '=HYPERLINK("http://evil.example","x")';
  const created = await postJson(page, "/api/portfolios", { name, startingEquity: 100_000, positions: [{ symbol: "AAPL", quantity: 50, entryPrice: 150, entryDate: "2026-10-01" }] });
  expect(created.status(), await created.text()).toBe(201);
  const { portfolioId } = (await created.json()) as { portfolioId: string };
  await page.goto(`/portfolios/${portfolioId}`);
  for (const link of ["Exposures CSV", "Stress CSV"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
    const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
    expect(rows.length, link).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      expect(row[0], link).toBe(`'${name}`);
      const numbers = row.slice(link === "Exposures CSV" ? 3 : 6).filter((cell) => cell !== "");
      for (const cell of numbers) expect(Number.isFinite(Number(cell)), `${link}: ${cell}`).toBe(true);
    }
  }
});

/** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split("\r\n").filter(Boolean)) {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i];
      if (quoted) {
        if (char === '"' && line[i + 1] === '"') { cell += '"'; i += 1; } else if (char === '"') quoted = false; else cell += char;
      } else if (char === '"') quoted = true;
      else if (char === ",") { cells.push(cell); cell = ""; } else cell += char;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}
