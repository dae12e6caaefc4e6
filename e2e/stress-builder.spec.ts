import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, getJson, postJson, SAME_ORIGIN, screenshot, signInAndWait } from "./helpers";

interface PreviewDto {
  date: string;
  decomposition: { directPnl: number; correlatedPnl: number; factors: { factor: string; moveKind: string; move: number; directPnl: number; correlatedPnl: number }[] };
}

test("the scenario builder computes a custom scenario and saves it for its owner only", async ({ browser }) => {
  const demo = await browser.newPage();
  await signInAndWait(demo, DEMO, "/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string; name: string }[] }>(demo, "/api/portfolios");
  const portfolioId = portfolios[0].id;
  await demo.goto(`/portfolios/${portfolioId}`);
  const builder = demo.getByTestId("scenario-builder");
  await expect(demo.getByTestId("stress-model-note").first()).toContainText("beat the market by 15 points");

  // Out of bounds: a sentence from the server, nothing computed.
  await builder.getByLabel("Market (SPY) %").fill("400");
  await builder.getByRole("button", { name: "Compute" }).click();
  await expect(builder.getByRole("alert")).toHaveText("Market: must be a return between -100% and +300%, got +400%.");

  await builder.getByLabel("Market (SPY) %").fill("-12");
  await builder.getByLabel("Quality vs market %").fill("4");
  await builder.getByLabel("Rates bp").fill("75");
  await builder.getByRole("button", { name: "Compute" }).click();
  const result = builder.getByTestId("builder-result");
  await expect(result).toBeVisible();
  const table = result.getByTestId("stress-decomposition");
  await expect(table.locator('tr[data-factor="Market"][data-move-kind="shocked"]')).toContainText("−12.0%");
  await expect(table.locator('tr[data-factor="Quality"][data-move-kind="shocked"]')).toContainText("+4.0%");
  await expect(table.locator('tr[data-factor="Interest Rate"]')).toContainText("+75 bp (TLT −12.4%)");
  await expect(table.locator('tr[data-move-kind="implied"]')).toHaveCount(5);
  await expect(table.locator('tr[data-factor="Market"]')).toContainText("Market (via styles)");
  await expect(table.locator('tr[data-factor="Market"]')).toContainText("Market (90-day beta)");

  // The page shows what the engine answers: the same totals as the API for the same shocks.
  const api = await postJson(demo, "/api/stress/preview", { portfolioId, returnShocks: { Market: -0.12, Quality: 0.04 }, rateShockBp: 75 });
  expect(api.status()).toBe(200);
  const preview = (await api.json()) as PreviewDto;
  const market = preview.decomposition.factors.find((f) => f.factor === "Market")!;
  expect(market).toMatchObject({ moveKind: "shocked", move: -0.12 });
  expect(market.correlatedPnl).not.toBe(0);
  const usd = (value: number) => value.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  await expect(builder.getByTestId("builder-totals")).toContainText(usd(preview.decomposition.correlatedPnl));
  await expect(builder.getByTestId("builder-totals")).toContainText(usd(preview.decomposition.directPnl));

  const name = `PM crash ${Date.now()}`;
  await result.getByLabel("Scenario name").fill(name);
  await result.getByRole("button", { name: "Save as my scenario" }).click();
  await expect(builder.getByRole("status")).toContainText(`Saved "${name}"`);
  const saved = builder.getByRole("list", { name: "My saved scenarios" });
  await expect(saved).toContainText(name);
  await expect(saved).toContainText("Market −12%, Quality vs market +4%, rates +75 bp");
  await screenshot(demo, "scenario-builder");
  const own = await getJson<{ scenarios: { scenarioId: string; name: string; shocks: Record<string, number> }[] }>(demo, "/api/stress/scenarios");
  const mine = own.scenarios.find((s) => s.name === name)!;
  expect(mine.shocks).toEqual({ Market: -0.12, Quality: 0.04, "Interest Rate": 0.0075 });

  // Another user sees nothing of it: not in their list, not on their stress page, and cannot delete it.
  const admin = await browser.newPage();
  await signInAndWait(admin, ADMIN, "/admin/stress");
  const theirs = await getJson<{ scenarios: { scenarioId: string }[] }>(admin, "/api/stress/scenarios");
  expect(theirs.scenarios.map((s) => s.scenarioId)).not.toContain(mine.scenarioId);
  await admin.goto("/admin/stress");
  await expect(admin.getByTestId("scenario-builder")).toBeVisible();
  await expect(admin.getByTestId("scenario-builder")).not.toContainText(name);
  await expect(admin.getByRole("table", { name: "Stress heatmap" })).not.toContainText(name);
  const deletion = await admin.request.delete(`/api/stress/scenarios/${mine.scenarioId}`, { headers: { ...SAME_ORIGIN, "content-type": "application/json" } });
  expect(deletion.status()).toBe(404);
  expect((await deletion.json()).error).toBe(`You have no saved scenario ${mine.scenarioId}.`);

  // A user cannot run the builder on someone else's portfolio.
  const adminPortfolio = await postJson(admin, "/api/portfolios", {
    name: "Admin builder book", startingEquity: 100_000, positions: [{ symbol: "AAPL", quantity: 10, entryPrice: 100, entryDate: "2026-10-01" }],
  });
  const { portfolioId: foreign } = (await adminPortfolio.json()) as { portfolioId: string };
  const refused = await postJson(demo, "/api/stress/preview", { portfolioId: foreign, returnShocks: { Market: -0.1 } });
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error).toBe(`No portfolio with id ${foreign}.`);

  // The owner deletes it.
  await saved.locator(`li[data-scenario="${mine.scenarioId}"]`).getByRole("button", { name: "Delete" }).click();
  await expect(builder.getByRole("status")).toContainText(`Deleted "${name}"`);
  await expect(saved.or(builder.getByText("None yet"))).not.toContainText(name);
});

test("the admin's builder works on any portfolio of the stress page", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/stress");
  await page.goto("/admin/stress");
  const builder = page.getByTestId("scenario-builder");
  await builder.getByLabel("Size vs market %").fill("-8");
  await builder.getByRole("button", { name: "Compute" }).click();
  await expect(builder.getByTestId("builder-result").getByTestId("stress-decomposition").locator('tr[data-factor="Size"][data-move-kind="shocked"]')).toContainText("−8.0%");
  await expect(builder.getByTestId("builder-result").locator('tr[data-factor="Market"][data-move-kind="implied"]')).toBeVisible();
});
