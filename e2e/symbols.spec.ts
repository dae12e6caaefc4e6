import { expect, test } from "@playwright/test";
import { ADMIN, screenshot, signInAndWait } from "./helpers";

test("symbols: universe, onboarding jobs and private symbols with their rule", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/symbols");
  await page.goto("/admin/symbols");
  const filtered = page.getByRole("table", { name: "Filtered symbols" });
  await expect(filtered.locator('tr[data-symbol="FO_PRIVATE_CREDIT"]')).toContainText("FO_/EQ_ prefix");
  await expect(filtered.locator('tr[data-symbol="HOME_EQUITY"]')).toContainText("synthetic list");
  await expect(filtered.locator('tr[data-symbol="EQ5D6A2D8F"]')).toBeVisible();
  const universe = page.getByRole("table", { name: "Symbol universe" });
  await expect(universe.locator('tr[data-symbol="SPY"]')).toContainText("active");
  await expect(universe.locator('tr[data-symbol="SPY"] td').nth(3)).toHaveText(/\d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole("region", { name: "Onboarding jobs" })).toBeVisible();
  await screenshot(page, "admin-symbols");
});
