import { expect, test } from "@playwright/test";
import { DEMO, getJson, signInAndWait } from "./helpers";

test("a holding's statistics open from the keyboard: the drawer takes focus, keeps it, closes on Escape and gives it back", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string }[] }>(page, "/api/portfolios");
  await page.goto(`/portfolios/${portfolios[0].id}`);
  await expect(page.getByRole("table", { name: "Holdings by factor" })).toBeVisible();

  // Tab from the top of the page until a holding row's button has focus: the rows are in the tab order.
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  let label = "";
  for (let presses = 0; presses < 120 && !label.startsWith("Open statistics for "); presses += 1) {
    await page.keyboard.press("Tab");
    label = await focusedLabel();
  }
  expect(label).toMatch(/^Open statistics for .+$/);
  const holding = label.slice("Open statistics for ".length);

  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Statistics for ${holding}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  // Tab stays inside the open drawer.
  for (let presses = 0; presses < 5; presses += 1) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  expect(await focusedLabel()).toBe(label);

  // Enter on the Close button closes it too, and focus returns again.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  expect(await focusedLabel()).toBe(label);
});
