import { expect, test } from "@playwright/test";
import { ADMIN, screenshot, signInAndWait } from "./helpers";

test("the factor heatmap has 13 sortable columns, search, and a symbol page with statistics", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/factors");
  await page.goto("/admin/factors");
  const table = page.getByRole("table", { name: "Symbol factor heatmap" });
  await expect(table.locator("thead th")).toHaveCount(14);
  await expect(table.locator("thead th").nth(1)).toContainText("Market Beta (90D)");
  await expect(table.locator("thead th").nth(13)).toContainText("Quality Spread");
  await page.getByLabel("Search symbols").fill("SPY");
  await expect(table.locator('tr[data-symbol="SPY"]')).toBeVisible();
  // SPY regressed on itself: Market Beta ≈ 1.
  const spyBeta = Number(await table.locator('tr[data-symbol="SPY"] td').nth(1).innerText());
  expect(spyBeta).toBeCloseTo(1, 1);
  await page.getByLabel("Search symbols").fill("");
  // The first click on a factor column sorts descending.
  await table.getByRole("button", { name: /Market Beta \(90D\)/ }).click();
  await expect(table.locator("thead th").nth(1)).toHaveAttribute("aria-sort", "descending");
  const first = Number(await table.locator("tbody tr").first().locator("td").nth(1).innerText());
  const second = Number(await table.locator("tbody tr").nth(1).locator("td").nth(1).innerText());
  expect(first).toBeGreaterThanOrEqual(second);
  await screenshot(page, "admin-factors");

  const symbol = await table.locator("tbody tr").first().getAttribute("data-symbol");
  await table.locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: symbol! })).toBeVisible();
  const rows = page.getByRole("table", { name: "Symbol factors" }).locator("tbody tr");
  await expect(rows).toHaveCount(13);
  const tableBeta = await rows.filter({ hasText: "Market Beta (90D)" }).locator('[data-value="beta"]').innerText();
  await expect(page.getByTestId("computed-beta")).toContainText(tableBeta.replace(/capped/, "").trim());
  await expect(page.getByText(/Yahoo computes on 5 years of monthly returns/)).toBeVisible();
  await expect(page.getByTestId("rolling-beta-chart").locator(".recharts-line")).toHaveCount(1);
  await screenshot(page, "admin-factor-symbol");
});
