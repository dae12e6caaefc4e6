import { expect, test } from "@playwright/test";
import { DEMO, getJson, postJson, screenshot, signInAndWait } from "./helpers";

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
  await expect(page.getByRole("list", { name: "CSV errors" })).toContainText("Row 3, quantity: quantity must be a number");
  await expect(page.getByLabel("Symbol 2")).toHaveValue(known[1]);
  // The row with a bad field is added for fixing, that field highlighted and named with its row.
  await expect(page.getByLabel("Symbol 3")).toHaveValue("BAD");
  await expect(page.getByLabel("Quantity 3")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Symbol 3")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Row 3, quantity: quantity must be a number" })).toBeVisible();
  await expect(page.getByLabel("Symbol 4")).toHaveValue("HOME_EQUITY");
  await screenshot(page, "onboarding-form");
  await page.getByRole("button", { name: "Remove row 3" }).click();
  await expect(page.getByLabel("Symbol 3")).toHaveValue("HOME_EQUITY");
  await expect(page.getByRole("alert").filter({ hasText: "Row 3" })).toHaveCount(0);

  // A CSV file with a quoted private name (a comma inside) is added once: "Add CSV rows" afterwards adds nothing.
  await page.getByLabel("CSV file").setInputFiles({
    name: "book.csv", mimeType: "text/csv",
    buffer: Buffer.from(`symbol,quantity,entry_price,entry_date,position_type,investment_class\r\n"Acme Private Credit Fund II, L.P.",1,25000,${date},LONG,PRIVATE\r\n`),
  });
  await expect(page.getByLabel("Symbol 4")).toHaveValue("Acme Private Credit Fund II, L.P.");
  await expect(page.getByLabel("Class 4")).toHaveValue("PRIVATE");
  await page.getByRole("button", { name: "Add CSV rows" }).click();
  await expect(page.getByText("Nothing to add: paste CSV rows or choose a file.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Positions" }).locator("tbody tr")).toHaveCount(4);

  const bad = await postJson(page, "/api/portfolios", { name: "", startingEquity: -1, positions: [] });
  expect(bad.status()).toBe(422);

  await page.getByRole("button", { name: "Create portfolio" }).click();
  await page.waitForURL(/\/portfolios\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  const created = await getJson<ApiPortfolio>(page, `/api/portfolios/${page.url().split("/").at(-1)}`);
  expect(created.exposures.find((row) => row.factor === "Market Beta (90D)")?.beta).not.toBeNull();
  await expect(page.getByRole("heading", { name: "E2E onboarding" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Holdings by factor" }).locator(`tr[data-symbol="${known[0]}"]`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Holdings by factor" }).locator('tr[data-symbol="HOME_EQUITY"]')).toContainText("excluded");
  await expect(page.getByRole("table", { name: "Holdings by factor" }).getByRole("button", { name: "Open statistics for Acme Private Credit Fund II, L.P." })).toBeVisible();
  await screenshot(page, "onboarding-result");
});

test("onboarding an unknown symbol: it is shown queued, then its exposures and coverage update without a reload", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAndWait(page, DEMO, "/portfolios/new");
  const { portfolios } = await getJson<{ portfolios: { id: string }[] }>(page, "/api/portfolios");
  const existing = await getJson<ApiPortfolio>(page, `/api/portfolios/${portfolios[0].id}`);
  const date = existing.calcDate!;
  // AAPL is in the demo data; COST is in the simulated universe but held by no demo portfolio, so it must be onboarded.
  expect(existing.holdings.map((h) => h.symbol)).not.toContain("COST");

  await page.goto("/portfolios/new");
  await page.getByLabel("Portfolio name").fill("E2E unknown symbol");
  await page.getByLabel("Starting equity").fill("100000");
  await page.getByLabel("Symbol 1").fill("AAPL");
  await page.getByLabel("Quantity 1").fill("100");
  await page.getByLabel("Entry price 1").fill("150");
  await page.getByLabel("Entry date 1").fill(date);
  await page.getByLabel("CSV", { exact: true }).fill(`COST,20,600,${date}`);
  await page.getByRole("button", { name: "Add CSV rows" }).click();
  await expect(page.getByLabel("Symbol 2")).toHaveValue("COST");
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/portfolios") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Create portfolio" }).click();
  const created = (await (await posted).json()) as { portfolioId: string; knownSymbols: string[]; queuedSymbols: string[] };
  expect(created.knownSymbols).toEqual(["AAPL"]);
  expect(created.queuedSymbols).toEqual(["COST"]);
  await page.waitForURL(`**/portfolios/${created.portfolioId}`, { timeout: 120_000 });

  const panel = page.getByRole("region", { name: "Symbol onboarding" });
  const cost = panel.locator('li[data-symbol="COST"]');
  await expect(cost).toBeVisible();
  // The simulated provider is fast: the worker may finish COST before the page renders. When it has not, the page must
  // say so (queued/processing in the list, a "queued" badge in the heatmap, coverage 1/2) and then update by itself.
  const firstSeen = await cost.getAttribute("data-status");
  expect(["queued", "processing", "completed"]).toContain(firstSeen);
  const heatmap = page.getByRole("table", { name: "Holdings by factor" });
  if (firstSeen !== "completed") {
    await expect(heatmap.locator('tr[data-symbol="COST"]')).toContainText("queued");
    await screenshot(page, "onboarding-queued");
  }

  // No reload from here on: the panel polls the portfolio API and refreshes the page when the job finishes.
  await expect(cost).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(page.getByTestId("covered-positions")).toContainText("2/2", { timeout: 60_000 });
  await expect(heatmap.locator('tr[data-symbol="COST"]')).not.toContainText("queued");
  await expect(heatmap.locator('tr[data-symbol="COST"] td').nth(2)).toHaveText(/^-?\d+\.\d{2}$/);
  const after = await getJson<ApiPortfolio>(page, `/api/portfolios/${created.portfolioId}`);
  expect(after.holdings.find((h) => h.symbol === "COST")?.factorStatus).toBe("ready");
  expect(after.queuedSymbols).toEqual([]);
  await screenshot(page, "onboarding-completed");
});
