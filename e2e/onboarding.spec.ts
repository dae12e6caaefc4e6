import { expect, test } from "@playwright/test";
import { DEMO, getJson, screenshot, signInAndWait } from "./helpers";

interface ApiPortfolio { id: string; calcDate: string | null; exposures: { factor: string; beta: number | null }[]; holdings: { symbol: string; factorStatus: string }[]; queuedSymbols: string[] }

test("onboarding: form rows + CSV with per-line errors, then exposures for known symbols", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAndWait(page, DEMO, "/portfolios/new");
  const { portfolios } = await getJson<{ portfolios: { id: string }[] }>(page, "/api/portfolios");
  const existing = await getJson<ApiPortfolio>(page, `/api/portfolios/${portfolios[0].id}`);
  const known = existing.holdings.filter((h) => h.factorStatus === "ready").map((h) => h.symbol).slice(0, 2);
  expect(known.length).toBe(2);
  const date = existing.calcDate!;

  await page.goto("/portfolios/new");
  await page.getByLabel("Portfolio name").fill("E2E onboarding");
  await page.getByLabel("Starting equity").fill("250000");
  await page.getByLabel("Symbol 1").fill(known[0]);
  await page.getByLabel("Quantity 1").fill("100");
  await page.getByLabel("Entry price 1").fill("50");
  await page.getByLabel("Entry date 1").fill(date);
  await page.getByLabel("CSV", { exact: true }).fill(`symbol,quantity,entry_price,entry_date\n${known[1]},-40,80,${date}\nBAD,abc,1,${date}\nHOME_EQUITY,1,50000,${date},LONG,PRIVATE`);
  await page.getByRole("button", { name: "Add CSV rows" }).click();
  await expect(page.getByRole("list", { name: "CSV errors" })).toContainText("Line 3: quantity must be a number");
  await expect(page.getByLabel("Symbol 2")).toHaveValue(known[1]);
  await expect(page.getByLabel("Symbol 3")).toHaveValue("HOME_EQUITY");
  await screenshot(page, "onboarding-form");

  const bad = await page.request.post("/api/portfolios", { data: { name: "", startingEquity: -1, positions: [] } });
  expect(bad.status()).toBe(422);

  await page.getByRole("button", { name: "Create portfolio" }).click();
  await page.waitForURL(/\/portfolios\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  const created = await getJson<ApiPortfolio>(page, `/api/portfolios/${page.url().split("/").at(-1)}`);
  expect(created.exposures.find((row) => row.factor === "Market Beta (90D)")?.beta).not.toBeNull();
  await expect(page.getByRole("heading", { name: "E2E onboarding" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Holdings by factor" }).locator(`tr[data-symbol="${known[0]}"]`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Holdings by factor" }).locator('tr[data-symbol="HOME_EQUITY"]')).toContainText("excluded");
  await screenshot(page, "onboarding-result");
});
