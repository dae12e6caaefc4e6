import { expect, test } from "@playwright/test";
import { ADMIN, getJson, screenshot, signInAndWait, type ApiRunList } from "./helpers";

test("the overview shows the last run per job type, freshness, queue and alerts", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const nightly = await getJson<ApiRunList>(page, "/api/admin/runs?jobType=nightly&days=365&pageSize=1");
  expect(nightly.runs.length).toBeGreaterThan(0);
  const row = page.getByRole("table", { name: "Last runs" }).locator('tr[data-job-type="nightly"]');
  await expect(row).toContainText(nightly.runs[0].status);
  const freshness = page.getByRole("list", { name: "Data freshness" }).locator("li");
  await expect(freshness).toHaveCount(3);
  // The demo catch-up ran up to the latest completed trading day: factors are current.
  await expect(freshness.filter({ hasText: "Symbol factors" })).toHaveAttribute("data-level", "ok");
  await expect(page.getByRole("region", { name: "Onboarding queue" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Symbol cache (this process)" })).toBeVisible();
  await expect(page.getByLabel("Alerts")).toBeVisible();
  await screenshot(page, "admin-overview-full");
});
