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
