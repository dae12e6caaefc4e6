import { expect, test } from "@playwright/test";
import { ADMIN, screenshot, signInAndWait } from "./helpers";

test("the stress heatmap and a scenario waterfall whose bars sum to the total", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/stress");
  await page.goto("/admin/stress");
  const heatmap = page.getByRole("table", { name: "Stress heatmap" });
  await expect(heatmap.locator("tbody tr").first()).toBeVisible();
  await expect(heatmap.locator("thead th")).toHaveCount(20); // portfolio + 19 active scenarios
  await page.getByLabel("Scenario", { exact: true }).selectOption("market_down_10");
  await expect(page).toHaveURL(/scenario=market_down_10/);
  const sumText = await page.getByTestId("waterfall-sum").innerText();
  // Shared currency format: "-$124,336" (sign before the dollar sign).
  const [sum, total] = [...sumText.matchAll(/(-?)\$([\d,]+)/g)].map((m) => Number(`${m[1]}${m[2].replaceAll(",", "")}`));
  expect(Math.abs(sum - total)).toBeLessThanOrEqual(2);
  await expect(page.getByTestId("direct-vs-correlated")).toBeVisible();
  await screenshot(page, "admin-stress");
});
