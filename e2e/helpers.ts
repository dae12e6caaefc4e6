import type { Page } from "@playwright/test";

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
export interface ApiRunList { runs: ApiRun[]; summary: { totalRuns: number; successRatePct: number; breakdown: Record<string, number> } }
