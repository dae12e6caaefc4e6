import { expect, test } from "@playwright/test";
import { ADMIN, getJson, screenshot, signInAndWait, type ApiRunList } from "./helpers";

interface ApiRunDetail { id: string; status: string; phases: { calcDate: string; phaseKey: string; itemsDone: number; itemsTotal: number }[]; logs: unknown[] }

test("the run detail shows the phase waterfall, errors and downloadable logs", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin");
  const list = await getJson<ApiRunList>(page, "/api/admin/runs?jobType=nightly&days=365&pageSize=1");
  const run = await getJson<ApiRunDetail>(page, `/api/admin/runs/${list.runs[0].id}`);
  await page.goto(`/admin/runs/${run.id}`);
  await expect(page.getByRole("heading", { name: /Run / })).toContainText(run.id.slice(0, 8));
  const rows = page.getByTestId("phase-groups").locator("tbody tr");
  await expect(rows).toHaveCount(run.phases.length);
  // Phases are grouped by date under collapsible rows, named for people (never phase_3_factors).
  await expect(page.getByTestId("phase-groups").locator("details")).toHaveCount(new Set(run.phases.map((phase) => phase.calcDate)).size);
  await expect(page.getByTestId("phase-groups")).not.toContainText("phase_");
  const factors = run.phases.filter((phase) => phase.phaseKey === "phase_3_factors").at(-1)!;
  await page.locator(`details[data-date="${factors.calcDate}"]`).evaluate((element) => { (element as HTMLDetailsElement).open = true; });
  await expect(page.locator(`tr[data-phase="${factors.calcDate}|phase_3_factors"]`)).toContainText(`${factors.itemsDone}/${factors.itemsTotal}`);
  await expect(page.getByRole("region", { name: /Errors/ })).toBeVisible();
  await screenshot(page, "admin-run-detail");

  const txt = await page.request.get(`/api/admin/runs/${run.id}/logs?format=txt`);
  expect(txt.headers()["content-disposition"]).toContain(`${run.id}_log.txt`);
  expect(await txt.text()).toContain(`Status: ${run.status}`);
  const json = await (await page.request.get(`/api/admin/runs/${run.id}/logs?format=json`)).json();
  expect(json.logEntryCount).toBe(run.logs.length);
  expect((await page.request.get(`/api/admin/runs/${run.id}/logs?format=xml`)).status()).toBe(422);
  expect((await page.request.get(`/api/admin/runs/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
  expect((await page.goto("/admin/runs/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
});
