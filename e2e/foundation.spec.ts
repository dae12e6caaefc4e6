import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, screenshot, signIn } from "./helpers";

test("health endpoints answer", async ({ request }) => {
  const live = await request.get("/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "alive" });
  const ready = await request.get("/health/ready");
  expect(ready.status()).toBe(200);
  expect((await ready.json()).status).toBe("ready");
  const status = await request.get("/health/status");
  expect(status.status()).toBe(200);
  const body = await status.json();
  expect(body).toMatchObject({ status: "healthy", ready: true, alive: true });
  expect(body.symbolCache.initialized).toBe(true);
  expect((await (await request.get("/health")).json())).toEqual({ status: "healthy" });
});

test("the home page is styled", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Factorwatch" })).toBeVisible();
  const background = await page.getByRole("link", { name: "Sign in" }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe("rgba(0, 0, 0, 0)");
  await screenshot(page, "home");
});

test("/admin requires a login and an admin", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
  await signIn(page, { email: ADMIN.email, password: "wrong-password" }, "/admin");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, ADMIN, "/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await screenshot(page, "admin-overview");
});

test("a signed-in user who is not an admin is sent from /admin to the forbidden page, with a way to their portfolios", async ({ page }) => {
  await signIn(page, DEMO, "/");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const response = await page.goto("/admin/runs");
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe("/forbidden");
  await expect(page.getByTestId("dead-end")).toHaveAttribute("data-kind", "forbidden");
  await expect(page.getByRole("heading", { name: "This page is for administrators" })).toBeVisible();
  await page.getByTestId("dead-end").getByRole("link", { name: "Your portfolios" }).click();
  await expect(page.getByRole("heading", { name: "Portfolios" })).toBeVisible();
});
