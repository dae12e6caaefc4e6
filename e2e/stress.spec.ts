import { expect, test } from "@playwright/test";
import { ADMIN, screenshot, signInAndWait } from "./helpers";

test("the stress heatmap and a scenario waterfall whose bars sum to the total", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/stress");
  await page.goto("/admin/stress");
  await expect(page.getByTestId("stress-model-note")).toContainText("beat the market by 15 points");
  const heatmap = page.getByRole("table", { name: "Stress heatmap" });
  await expect(heatmap.locator("tbody tr").first()).toBeVisible();
  await expect(heatmap.locator("thead th")).toHaveCount(20); // portfolio + 19 active scenarios
  const family = heatmap.locator('tr[data-portfolio="Family Balanced"]');
  await expect(family.locator('td[data-scenario="market_down_10"]')).toHaveAttribute("title", /Correlated .*Market \(via styles\) −\$[\d,]+.*\nDirect /s);
  await page.getByLabel("Scenario", { exact: true }).selectOption("market_down_10");
  await expect(page).toHaveURL(/scenario=market_down_10/);
  await page.getByLabel("Portfolio", { exact: true }).selectOption({ label: "Family Balanced" });
  await expect(page.getByRole("region", { name: /Breakdown — Market Decline 10% · Family Balanced/ })).toBeVisible();
  const sumText = await page.getByTestId("waterfall-sum").innerText();
  // Shared currency format: "-$124,336" (sign before the dollar sign).
  const [sum, total] = [...sumText.matchAll(/(-?)\$([\d,]+)/g)].map((m) => Number(`${m[1]}${m[2].replaceAll(",", "")}`));
  expect(Math.abs(sum - total)).toBeLessThanOrEqual(2);
  // Market is a real contribution of the correlated figure: a non-zero bar labelled "Market (via styles)".
  const marketStep = page.getByTestId("waterfall-steps").locator('li[data-label="Market (via styles)"]');
  await expect(marketStep).toHaveCount(1);
  expect(Number(await marketStep.getAttribute("data-value"))).toBeLessThan(0);
  await expect(page.getByTestId("direct-vs-correlated")).toBeVisible();
  // The factor moves used: the shocked market and the implied others.
  const breakdown = page.getByTestId("stress-decomposition");
  await expect(breakdown.locator('tr[data-factor="Market"][data-move-kind="shocked"]')).toContainText("−10.0%");
  await expect(breakdown.locator('tr[data-move-kind="implied"]')).toHaveCount(7);
  await expect(breakdown).toContainText("Direct (scenario as written)");
  await expect(breakdown).toContainText("Correlated (with knock-on moves)");
  await screenshot(page, "admin-stress");
});
