import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

/** The server's origin (playwright.config.ts): state-changing requests must come from it. */
export const E2E_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;

/** Headers a page of this site sends with a fetch; API contexts add them to every request they make. */
export const SAME_ORIGIN = { origin: E2E_ORIGIN };

export const ADMIN = { email: "admin@factorwatch.local", password: "admin-e2e-password" };
export const DEMO = { email: "demo@factorwatch.local", password: "demo-e2e-password" };

export async function signIn(page: Page, who: { email: string; password: string }, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** GET a JSON API with the page's session cookies; fails the test on a non-2xx answer. */
export async function getJson<T = unknown>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs in and waits until the login page has been left. */
export async function signInAndWait(page: Page, who: { email: string; password: string }, next = "/") {
  await signIn(page, who, next);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export function formatUsdLikeUi(value: number): string {
  return value.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 0, maximumFractionDigits: 0 });
}

export interface ApiRun { id: string; jobType: string; status: string; calcDates: string[]; durationMs: number | null }
export interface ApiRunList { runs: ApiRun[]; summary: { totalRuns: number; successRatePct: number | null; breakdown: Record<string, number> } }

/** POST JSON with the page's session cookies, as the site's own pages do (same Origin, application/json). */
export function postJson(page: Page, url: string, data: unknown) {
  return page.request.post(url, { data: data as object, headers: SAME_ORIGIN });
}

/** An API client that behaves like this site's pages (same Origin), signed in as `who` when given. */
export async function apiContext(who?: { email: string; password: string }, options: { maxRedirects?: number } = {}): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: E2E_ORIGIN, extraHTTPHeaders: SAME_ORIGIN, ...options });
  if (who) {
    const login = await context.post("/api/auth/login", { data: who });
    if (login.status() !== 200) throw new Error(`sign-in as ${who.email} answered ${login.status()}: ${await login.text()}`);
  }
  return context;
}
