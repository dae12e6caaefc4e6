/**
 * The ledger through the running app: the API refuses a hostile book with a sentence per field and saves nothing;
 * an unpriced symbol is listed on the admin Symbols page with a retry; and what `npm start` built (the demo book
 * and its catch-up, plus whatever the other specs ran) passes `factorwatch audit`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, DEMO, getJson, postJson, signInAndWait } from "./helpers";

/** The running e2e server's embedded database (e2e/serve.mjs keeps it in .data/e2e-pg). */
function e2eDatabaseUrl(): string {
  const port = readFileSync(".data/e2e-pg/postmaster.pid", "utf8").split("\n")[3].trim();
  return `postgresql://factorwatch:factorwatch@127.0.0.1:${port}/factorwatch`;
}

function factorwatch(args: string[]) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", ...args], {
    encoding: "utf8", env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the API refuses a hostile book with one sentence per bad field, and saves nothing", async ({ page }) => {
  await signInAndWait(page, DEMO, "/portfolios");
  const before = await getJson<{ portfolios: { name: string }[] }>(page, "/api/portfolios");
  const response = await postJson(page, "/api/portfolios", {
    name: "Hostile", startingEquity: 0.01,
    positions: [
      { symbol: "AAPL", quantity: 1_000_000, entryPrice: 150, entryDate: "2026-01-05" },
      { symbol: "MSFT", quantity: 2_000_000_000, entryPrice: 50_000_000, entryDate: "2026-01-05" },
    ],
  });
  expect(response.status()).toBe(422);
  const { error } = (await response.json()) as { error: string };
  expect(error).toContain("starting equity must be at least 1");
  expect(error).toContain("quantity must be at most 1,000,000,000 (long or short)");
  expect(error).toContain("Position 2, entry price: entry price must be at most 10,000,000");
  const after = await getJson<{ portfolios: { name: string }[] }>(page, "/api/portfolios");
  expect(after.portfolios.map((p) => p.name)).toEqual(before.portfolios.map((p) => p.name));
});

test("the admin Symbols page lists unpriced symbols with a retry that clears the mark", async ({ page }) => {
  await signInAndWait(page, ADMIN, "/admin/symbols");
  const empty = await postJson(page, "/api/admin/symbols/ZZZZ7/retry", {});
  expect(empty.status()).toBe(404);
  expect(await empty.json()).toMatchObject({ error: "ZZZZ7 is not marked unpriced." });
  await expect(page.getByRole("heading", { name: "Unpriced symbols" })).toBeVisible();
  await expect(page.getByTestId("unpriced-empty")).toBeVisible();
});

test("what npm start built passes the ledger audit", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAndWait(page, ADMIN, "/admin/runs");
  // Runs the other specs started must finish first (the audit checks a settled ledger).
  await expect.poll(async () => {
    const runs = await getJson<{ runs: { status: string }[] }>(page, "/api/admin/runs?days=365");
    return runs.runs.filter((run) => run.status === "running").length;
  }, { timeout: 150_000 }).toBe(0);
  const audit = factorwatch(["audit", "--json"]);
  expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  const report = JSON.parse(audit.stdout) as { clean: boolean; checked: { portfolios: number; snapshots: number }; violations: unknown[] };
  expect(report.violations).toEqual([]);
  expect(report.checked.portfolios).toBeGreaterThanOrEqual(2);
  expect(report.checked.snapshots).toBeGreaterThanOrEqual(60);
});
