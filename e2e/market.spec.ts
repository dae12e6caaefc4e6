import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, getJson, screenshot, signInAndWait } from "./helpers";

test("simulated market: a ticker outside the universe has a last close, ZZZZ has none; every page says data is simulated", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const { closes } = await getJson<{ closes: { symbol: string; close: number; source: string }[] }>(page, "/api/portfolios/last-closes?symbols=UBER,ZZZZ9,msft,Acme%20Fund");
  expect(closes.map((close) => close.symbol)).toEqual(["MSFT", "UBER"]);
  const msft = closes.find((close) => close.symbol === "MSFT")!;
  expect(msft.close).toBeGreaterThan(420 / 1.5);
  expect(msft.close).toBeLessThan(420 * 1.5);
  expect(closes.find((close) => close.symbol === "UBER")!.close).toBeGreaterThan(0);
  for (const path of ["/portfolios", "/portfolios/new"]) {
    await page.goto(path);
    await expect(page.getByTestId("market-data-notice")).toHaveText(/Market data is simulated/);
  }
});

test("portfolio charts: straight equity segments, one colour per sign in beta and dollar bars", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string }[] }>(page, "/api/portfolios");
  await page.goto(`/portfolios/${portfolios[0].id}`);
  const line = page.getByTestId("equity-chart").locator(".recharts-line path.recharts-curve").first();
  await expect(line).toBeVisible();
  // A smoothed (monotone) curve is drawn with cubic Bézier commands; straight segments use only M and L.
  expect(await line.getAttribute("d")).not.toMatch(/[Cc]/);
  const fills = async (testId: string) => page.getByTestId(testId).locator(".recharts-bar-rectangle path").evaluateAll(
    (paths) => paths.map((path) => path.getAttribute("fill")));
  const beta = new Set(await fills("exposure-chart-beta"));
  const dollar = new Set(await fills("exposure-chart-dollar"));
  expect([...beta].every((fill) => ["#059669", "#dc2626"].includes(fill!))).toBe(true);
  expect([...dollar].every((fill) => ["#059669", "#dc2626"].includes(fill!))).toBe(true);
});

test("rolling beta: an axis title, and a no-data note for a factor a symbol has no values for", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/factors/TLT");
  await page.goto("/admin/factors/TLT");
  const chart = page.getByTestId("rolling-beta-chart");
  await expect(chart.locator(".recharts-label").filter({ hasText: "Beta" })).toBeVisible();
  await expect(chart.locator(".recharts-line path.recharts-curve").first()).toBeVisible();
  expect(await chart.locator(".recharts-line path.recharts-curve").first().getAttribute("d")).not.toMatch(/[Cc]/);
  await page.getByRole("button", { name: "Provider Beta (1Y)", exact: true }).click();
  await expect(page.getByTestId("rolling-beta-no-data")).toContainText("Provider Beta (1Y): no data for this symbol");
  await screenshot(page, "rolling-beta-no-data");
});
