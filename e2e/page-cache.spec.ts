import { expect, test, type Page } from "@playwright/test";
import { ADMIN, DEMO, getJson, postJson, SAME_ORIGIN, signInAndWait } from "./helpers";

/**
 * The portfolio page kept by the server (lib/http/portfolio-page-cache.ts), in a real browser: a reload is sent from
 * the kept copy with a fresh nonce and still runs its scripts (the policy would block them with a stale one), a
 * change the user makes shows on the next load, and nobody else gets the page.
 */

/** Loads `url` (a reload when it is already open) and returns how the server answered: rendered or kept. */
async function load(page: Page, url: string | null): Promise<{ status: number; servedFrom: string | undefined }> {
  const response = url === null ? await page.reload() : await page.goto(url);
  return { status: response!.status(), servedFrom: (await response!.allHeaders())["server-timing"] };
}

test("a reload of the portfolio page comes from the kept copy, runs its scripts, and shows the user's own changes", async ({ page, browser }) => {
  const policyViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) policyViolations.push(message.text());
  });
  await signInAndWait(page, DEMO, "/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string; name: string }[] }>(page, "/api/portfolios");
  const { id, name } = portfolios[0];
  const url = `/portfolios/${id}`;
  // Two server processes each keep their own copy: a few loads reach both.
  await load(page, url);
  const answers = [];
  for (let i = 0; i < 4; i += 1) answers.push(await load(page, null));
  expect(answers.every((answer) => answer.status === 200)).toBe(true);
  expect(answers.map((answer) => answer.servedFrom)).toContain('page;desc="kept"');
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // Scripts ran under the kept page's fresh nonce: a breakdown opens, the statistics dialog opens and closes.
  const stress = page.getByRole("table", { name: "Stress results" });
  await stress.getByRole("button", { name: /^Breakdown of / }).first().click();
  await expect(stress.getByTestId("stress-decomposition")).toBeVisible();
  await page.getByRole("table", { name: "Holdings by factor" }).getByRole("button", { name: /^Open statistics for / }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(policyViolations).toEqual([]);

  // A scenario saved through the API shows on the next load, and is gone again after its deletion.
  const scenarioName = `Kept-page check ${Date.now()}`;
  const created = await postJson(page, "/api/stress/scenarios", { name: scenarioName, returnShocks: { Market: -0.05 } });
  expect(created.status()).toBe(201);
  const { scenarioId } = (await created.json()) as { scenarioId: string };
  try {
    const afterSave = await load(page, null);
    // The save gave the portfolio a new read-model generation: the first load renders (the kept copy is never sent).
    expect(afterSave.servedFrom).not.toBe('page;desc="kept"');
    await expect(page.getByRole("list", { name: "My saved scenarios" })).toContainText(scenarioName);
    for (let i = 0; i < 3; i += 1) {
      await load(page, null);
      await expect(page.getByRole("list", { name: "My saved scenarios" })).toContainText(scenarioName);
    }
  } finally {
    const deletion = await page.request.delete(`/api/stress/scenarios/${scenarioId}`, { headers: { ...SAME_ORIGIN, "content-type": "application/json" } });
    expect(deletion.status()).toBe(204);
  }
  for (let i = 0; i < 3; i += 1) {
    await load(page, null);
    await expect(page.getByTestId("scenario-builder")).not.toContainText(scenarioName);
  }

  // Another user asking for the same address gets Next's 404, never the kept page.
  const admin = await browser.newPage();
  await signInAndWait(admin, ADMIN, "/admin");
  for (let i = 0; i < 3; i += 1) {
    const theirs = await load(admin, url);
    expect(theirs.status).toBe(404);
    expect(theirs.servedFrom).toBeUndefined();
    await expect(admin.getByRole("heading", { name })).toHaveCount(0);
  }
  await admin.close();

  // Signed out, the same address sends the browser to the login page.
  await page.context().clearCookies();
  await page.goto(url);
  await expect(page).toHaveURL(/\/login\?next=/);
});
