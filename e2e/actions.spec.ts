import { expect, test } from "@playwright/test";
import { ADMIN, getJson, postJson, screenshot, signInAndWait, type ApiRunList } from "./helpers";

async function latestDate(page: import("@playwright/test").Page): Promise<string> {
  const list = await getJson<ApiRunList>(page, "/api/admin/runs?jobType=nightly&days=365");
  return list.runs.flatMap((run) => run.calcDates).sort().at(-1)!;
}

test("backfill preview lists exactly the planned steps; bad ranges are 422", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/actions");
  const date = await latestDate(page);
  const api = await postJson(page, "/api/admin/actions/backfill/preview", { from: date, to: date, reprocess: "all" });
  expect(api.ok()).toBe(true);
  const plan = await api.json();
  await page.goto("/admin/actions");
  // Hydration resets controlled inputs to their initial state: type only once the page's scripts have run.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Backfill from").fill(date);
  await page.getByLabel("Backfill to").fill(date);
  await page.getByLabel("Reprocess").selectOption("all");
  await page.getByRole("button", { name: "Preview backfill" }).click();
  await expect(page.getByTestId("plan-steps").locator("li")).toHaveCount(plan.steps.length);
  const bad = await postJson(page, "/api/admin/actions/backfill/preview", { from: "2026-01-10", to: "2026-01-01", reprocess: "all" });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toContain("from must be on or before to");
  const badPhase = await postJson(page, "/api/admin/actions/rerun/preview", { date, phase: "phase_9_magic" });
  expect(badPhase.status()).toBe(422);
  await screenshot(page, "admin-actions-backfill-preview");
});

test("rerun phase_3_factors for the latest date: preview, confirm, watch it complete", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAndWait(page, ADMIN, "/admin/actions");
  const date = await latestDate(page);
  await page.goto("/admin/actions");
  await page.getByLabel("Rerun date").fill(date);
  await page.getByLabel("Phase", { exact: true }).selectOption("phase_3_factors");
  await page.getByRole("button", { name: "Preview rerun" }).click();
  const step = page.getByTestId("plan-steps").locator(`li[data-step="${date}|phase_3_factors"]`);
  await expect(step).toBeVisible();
  await screenshot(page, "admin-actions-rerun-preview");
  await page.getByRole("button", { name: "Start rerun…" }).click();
  await page.getByRole("button", { name: "Confirm and start" }).click();
  await page.waitForURL(/\/admin\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").at(-1)!;
  const badge = page.locator("h1 + [data-status]");
  // Factors already complete for the date are kept, so the rerun may have had nothing to do: shown as skipped.
  await expect(badge).toHaveAttribute("data-status", /completed|partial|skipped/, { timeout: 180_000 });
  const run = await getJson<{ jobType: string; calcDates: string[]; phases: { phaseKey: string }[] }>(page, `/api/admin/runs/${runId}`);
  expect(run.jobType).toBe("rerun");
  expect(run.phases.map((phase) => phase.phaseKey)).toContain("phase_3_factors");
  await screenshot(page, "admin-run-detail-rerun");
});
