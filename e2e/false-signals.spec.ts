import { expect, test } from "@playwright/test";
import { ADMIN, getJson, postJson, signInAndWait, type ApiRunList } from "./helpers";

/** What the admin pages must not say: a missed nightly on a fresh install, 100 % of nothing, skipped work as done. */

interface ApiPhase { calcDate: string; phaseKey: string; phaseLabel: string; status: string; itemsDone: number; itemsFailed: number; itemsSkipped: number; itemsTotal: number }
interface ApiRunDetail {
  id: string; status: string; completedItems: number; failedItems: number; skippedItems: number; notReachedItems: number; totalItems: number;
  phases: ApiPhase[]; progress: { stepsDone: number; stepsTotal: number; pct: number };
}

test("a fresh install does not warn that a nightly did not finish", async ({ page }) => {
  // The e2e server starts on a new database: installed minutes ago, no nightly was ever due.
  await signInAndWait(page, ADMIN, "/admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByLabel("Alerts")).toBeVisible();
  await expect(page.locator('[data-kind="nightly_late"]')).toHaveCount(0);
  await expect(page.getByLabel("Alerts")).not.toContainText("did not finish");
});

test("with no finished run in the list the success rate says no runs yet, not 100 %", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/runs");
  // Only running runs: none has an outcome, so there is no rate to give.
  await page.goto("/admin/runs?status=running&days=7");
  const api = await getJson<ApiRunList>(page, "/api/admin/runs?status=running&days=7");
  expect(api.summary.successRatePct).toBeNull();
  await expect(page.getByTestId("success-rate")).toContainText("no runs yet");
  await expect(page.getByTestId("success-rate")).not.toContainText("%");
});

test("reprocess everything: phases that kept their data show as skipped, the counts add up, the run is not green for nothing", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAndWait(page, ADMIN, "/admin/actions");
  const list = await getJson<ApiRunList>(page, "/api/admin/runs?jobType=nightly&days=365");
  const date = list.runs.flatMap((run) => run.calcDates).sort().at(-1)!;
  const started = await postJson(page, "/api/admin/actions/backfill", { from: date, to: date, reprocess: "all" });
  expect(started.status(), await started.text()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await page.goto(`/admin/runs/${runId}`);
  const badge = page.locator("h1 + [data-status]");
  await expect(badge).not.toHaveAttribute("data-status", "running", { timeout: 240_000 });

  const run = await getJson<ApiRunDetail>(page, `/api/admin/runs/${runId}`);
  expect(run.phases.map((phase) => phase.phaseKey)).toContain("phase_3_factors");
  for (const phase of run.phases) {
    // A phase that did nothing and failed nothing is never "completed".
    if (phase.itemsDone === 0 && phase.itemsFailed === 0) expect(phase.status, `${phase.phaseLabel} ${phase.calcDate}`).not.toBe("completed");
  }
  // Prices and factor sets of a date the seed finished are kept: those phases are skipped, not work done.
  const factors = run.phases.find((phase) => phase.phaseKey === "phase_3_factors")!;
  expect(factors.itemsDone).toBe(0);
  expect(factors.status).toBe("skipped");
  expect(factors.itemsSkipped).toBeGreaterThan(0);
  expect(run.completedItems + run.failedItems + run.skippedItems + run.notReachedItems).toBe(run.totalItems);
  expect(run.progress).toEqual({ stepsDone: 7, stepsTotal: 7, pct: 100 });
  await expect(badge).toHaveAttribute("data-status", run.completedItems === 0 && run.failedItems === 0 ? "skipped" : /completed|partial/);

  // The page says the same: each phase's badge, named for people, and the counts with skipped beside done and failed.
  await page.reload();
  for (const phase of run.phases) {
    const row = page.locator(`tr[data-phase="${phase.calcDate}|${phase.phaseKey}"]`);
    await expect(row).toContainText(phase.phaseLabel);
    await expect(row.locator("[data-status]")).toHaveAttribute("data-status", phase.status);
  }
  await expect(page.locator(`tr[data-phase="${date}|phase_3_factors"]`)).toContainText("Factors");
  const items = page.getByTestId("run-items");
  await expect(items).toContainText(`${run.completedItems} done · ${run.failedItems} failed · ${run.skippedItems} skipped`);
  await expect(items).toContainText(`of ${run.totalItems} items`);
  await expect(page.getByTestId("phase-groups")).not.toContainText("phase_");
});
