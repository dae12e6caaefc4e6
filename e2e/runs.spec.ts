import { expect, test } from "@playwright/test";
import { ADMIN, getJson, postJson, screenshot, signInAndWait, type ApiRunList } from "./helpers";

test("the runs page matches the runs API and shows the date × phase grid", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/runs");
  await page.goto("/admin/runs");
  const api = await getJson<ApiRunList>(page, "/api/admin/runs?days=30");
  await expect(page.getByTestId("total-runs")).toContainText(String(api.summary.totalRuns));
  await expect(page.getByTestId("success-rate")).toContainText(api.summary.successRatePct === null ? "no runs yet" : `${api.summary.successRatePct.toFixed(1)}%`);
  await expect(page.getByRole("table", { name: "Runs" }).locator("tbody tr")).toHaveCount(Math.min(api.runs.length, 50));
  const latestDate = [...api.runs.flatMap((run) => run.calcDates)].sort().at(-1)!;
  const cell = page.locator(`[data-cell="${latestDate}|phase_3_factors"]`);
  await expect(cell).toBeVisible();
  // A later rerun that found every factor set complete (actions.spec) is its latest attempt and shows as skipped.
  expect(["completed", "partial", "skipped"]).toContain(await cell.getAttribute("data-status"));
  await expect(page.locator(`[data-cell="${latestDate}|phase_2_fundamentals"]`)).toHaveAttribute("data-status", "skipped");
  await screenshot(page, "admin-runs");
  await page.getByLabel("Status filter").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  const failed = await getJson<ApiRunList>(page, "/api/admin/runs?days=30&status=failed");
  await expect(page.getByTestId("total-runs")).toContainText(String(failed.summary.totalRuns));
});

test("the runs API validates its query and is admin-only", async ({ page, request }) => {
  expect((await request.get("/api/admin/runs")).status()).toBe(401);
  await signInAndWait(page, ADMIN, "/admin");
  const bad = await page.request.get("/api/admin/runs?status=exploded");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toContain("status");
  const started = Date.now();
  for (let i = 0; i < 10; i += 1) expect((await page.request.get("/api/admin/runs?days=90&page=1")).ok()).toBe(true);
  expect((Date.now() - started) / 10).toBeLessThan(500);
});

test("the runs list picks up a run started elsewhere and follows it to the end without a reload", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAndWait(page, ADMIN, "/admin/runs");
  await page.goto("/admin/runs");
  await expect(page.getByTestId("runs-live")).toBeVisible();
  const list = await getJson<ApiRunList>(page, "/api/admin/runs?jobType=nightly&days=365");
  const date = list.runs.flatMap((run) => run.calcDates).sort().at(-1)!;
  // Started through the API — as if from another tab or by another admin.
  const started = await postJson(page, "/api/admin/actions/rerun", { date, phase: "phase_4_pnl" });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  const row = page.getByRole("table", { name: "Runs" }).locator(`tr[data-run-id="${runId}"]`);
  await expect(row).toBeVisible({ timeout: 40_000 });
  await expect(row.locator("[data-status]").first()).toHaveAttribute("data-status", /completed|partial/, { timeout: 180_000 });
  await expect(page.getByTestId("runs-live")).toHaveAttribute("data-running", "false");
});
