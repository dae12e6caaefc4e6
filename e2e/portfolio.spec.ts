import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, formatUsdLikeUi, getJson, screenshot, signInAndWait } from "./helpers";

interface ApiPortfolio {
  id: string; name: string; calcDate: string; exposures: { factor: string; beta: number | null; dollar: number | null }[];
  stress: { scenarioId: string; name: string; correlatedPnl: number; decomposition: { correlatedPnl: number; factors: { factor: string; correlatedPnl: number }[] } }[];
  snapshots: unknown[];
  holdings: { symbol: string; name: string | null; factorStatus: string; factors: Record<string, { beta: number; windowStart: string | null; windowEnd: string | null; n: number }> }[];
}

test("a user's portfolio: exposures, heatmap, stats drawer, history, stress and CSV exports", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  await page.goto("/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string; name: string }[] }>(page, "/api/portfolios");
  expect(portfolios.length).toBeGreaterThan(0);
  await page.getByRole("link", { name: portfolios[0].name }).click();
  await page.waitForURL(`**/portfolios/${portfolios[0].id}`);
  const api = await getJson<ApiPortfolio>(page, `/api/portfolios/${portfolios[0].id}`);
  const exposures = page.getByRole("table", { name: "Factor exposures" });
  await expect(exposures.locator("tbody tr")).toHaveCount(13);
  const market = api.exposures.find((row) => row.factor === "Market Beta (90D)")!;
  expect(market.beta).not.toBeNull();
  await expect(exposures.locator('tr[data-factor="Market Beta (90D)"] [data-value="beta"]')).toHaveText(market.beta!.toFixed(2));
  await expect(exposures.locator('tr[data-factor="Market Beta (90D)"] [data-value="dollar"]')).toHaveText(formatUsdLikeUi(market.dollar!));
  await expect(page.getByTestId("coverage")).toContainText("Coverage");
  await expect(page.getByTestId("equity-chart")).toBeVisible();
  await expect(page.getByTestId("exposure-chart-beta")).toBeVisible();
  await expect(page.getByTestId("exposure-chart-dollar")).toBeVisible();
  await expect(page.getByTestId("equity-chart")).toContainText("Daily P&L");
  await expect(page.getByTestId("equity-chart")).toContainText(/\$\d+(\.\d+)?M/);
  await screenshot(page, "portfolio-overview");
  const stress = page.getByRole("table", { name: "Stress results" });
  await expect(stress.locator("tbody tr[data-scenario]")).toHaveCount(api.stress.length);
  // A scenario's breakdown opens in place: a row per factor with its amounts, and the total.
  const scenario = api.stress[0];
  await stress.getByRole("button", { name: `Breakdown of ${scenario.name}` }).click();
  const breakdown = stress.getByTestId("stress-decomposition");
  await expect(breakdown.locator("tbody tr[data-factor]")).toHaveCount(scenario.decomposition.factors.length);
  const factorRow = scenario.decomposition.factors[1];
  await expect(breakdown.locator(`tr[data-factor="${factorRow.factor}"] [data-value="correlated"]`)).toHaveText(formatUsdLikeUi(factorRow.correlatedPnl));
  await expect(breakdown.locator('[data-value="correlated-total"]')).toContainText(formatUsdLikeUi(scenario.decomposition.correlatedPnl));
  await stress.getByRole("button", { name: `Breakdown of ${scenario.name}` }).click();
  await expect(breakdown).toHaveCount(0);
  const excluded = api.holdings.find((h) => h.factorStatus === "excluded")!;
  // Each holding opens its statistics from a button in its row (reachable by keyboard as well).
  await page.getByRole("table", { name: "Holdings by factor" }).locator(`tr[data-symbol="${excluded.symbol}"]`)
    .getByRole("button", { name: `Open statistics for ${excluded.name ?? excluded.symbol}` }).click();
  await expect(page.getByRole("dialog")).toContainText("no factor regressions");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const ready = api.holdings.find((h) => h.factorStatus === "ready")!;
  const stat = ready.factors["Market Beta (90D)"];
  await page.getByRole("table", { name: "Holdings by factor" }).locator(`tr[data-symbol="${ready.symbol}"]`)
    .getByRole("button", { name: `Open statistics for ${ready.name ?? ready.symbol}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("factor statistics");
  const marketRow = dialog.locator('tr[data-factor="Market Beta (90D)"]');
  await expect(marketRow.locator('[data-value="beta"]')).toHaveText(stat.beta.toFixed(2));
  await expect(marketRow.locator('[data-value="n"]')).toHaveText(String(stat.n));
  await expect(marketRow.locator('[data-value="window"]')).toHaveText(`${stat.windowStart} → ${stat.windowEnd}`);
  await screenshot(page, "portfolio");
  await page.getByRole("button", { name: "Close" }).click();

  const csv = await page.request.get(`/api/portfolios/${api.id}/exposures.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(14);
  expect(lines[0]).toBe("portfolio,calculation_date,factor,beta,exposure_usd");
  const stressCsv = (await (await page.request.get(`/api/portfolios/${api.id}/stress.csv`)).text()).trim().split("\r\n");
  expect(stressCsv).toHaveLength(api.stress.length + 1);
});

test("another user's portfolio is a 404 page and a 404 API", async ({ browser }) => {
  const demo = await browser.newPage();
  await signInAndWait(demo, DEMO, "/portfolios");
  const { portfolios } = await getJson<{ portfolios: { id: string }[] }>(demo, "/api/portfolios");
  const foreignId = portfolios[0].id;
  const admin = await browser.newPage();
  await signInAndWait(admin, ADMIN, "/portfolios");
  expect((await admin.goto(`/portfolios/${foreignId}`))?.status()).toBe(404);
  await expect(admin.getByText("Portfolio not found")).toBeVisible();
  expect((await admin.request.get(`/api/portfolios/${foreignId}`)).status()).toBe(404);
  expect((await admin.request.get(`/api/portfolios/${foreignId}/exposures.csv`)).status()).toBe(404);
  expect((await admin.request.get(`/api/portfolios/${foreignId}/stress.csv`)).status()).toBe(404);
});
