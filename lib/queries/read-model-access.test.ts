import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getAdminOverview } from "./get-admin-overview";
import { getFactorHeatmap } from "./get-factor-heatmap";
import { getPortfolioDetail } from "./get-portfolio-detail";
import { getPortfolioList } from "./get-portfolio-list";
import { runExists, symbolExists } from "./get-resource-exists";
import { getRunDetail } from "./get-run-detail";
import { getRunGrid } from "./get-run-grid";
import { getRunList } from "./get-run-list";
import { getRunLogs } from "./get-run-logs";
import { getStressOverview } from "./get-stress-overview";
import { getSymbolAdmin } from "./get-symbol-admin";
import { getSymbolFactors } from "./get-symbol-factors";

useTestDatabase();
const viewer = (userId: string, role: "admin" | "user"): Viewer => ({ userId, email: `${userId}@example.test`, name: role, role });
let alice: Viewer;
let bob: Viewer;
let admin: Viewer;
let alicePortfolio: string;
let bobPortfolio: string;

beforeAll(async () => {
  alice = viewer(await insertTestUser(), "user");
  bob = viewer(await insertTestUser(), "user");
  admin = viewer(await insertTestUser(), "admin");
  await getPool().query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.userId]);
  alicePortfolio = await insertTestPortfolio({ userId: alice.userId, startingEquity: 100_000, inceptionDate: "2026-11-02", name: "Alice book" });
  bobPortfolio = await insertTestPortfolio({ userId: bob.userId, startingEquity: 50_000, inceptionDate: "2026-11-02", name: "Bob book" });
  for (const portfolio of [alicePortfolio, bobPortfolio]) await insertTestPosition(portfolio, { symbol: "NEWCO", quantity: 10, entryPrice: 5, entryDate: "2026-11-02" });
  // Alice's onboarding job for a symbol Bob holds too: its attempts and error are hers alone.
  await getPool().query(
    `INSERT INTO symbol_onboarding_jobs (id, symbol, portfolio_id, user_id, status, attempts, error) VALUES ($1, 'NEWCO', $2, $3, 'failed', 2, 'alice-only error text')`,
    [randomUUID(), alicePortfolio, alice.userId]);
});

describe("admin read models", () => {
  const reads: [string, (who: Viewer) => Promise<unknown>][] = [
    ["getAdminOverview", (who) => getAdminOverview(who)],
    ["getFactorHeatmap", (who) => getFactorHeatmap(who)],
    ["getStressOverview", (who) => getStressOverview(who)],
    ["getSymbolAdmin", (who) => getSymbolAdmin(who)],
    ["getSymbolFactors", (who) => getSymbolFactors(who, "SPY")],
    ["getRunList", (who) => getRunList(who, { days: 30, page: 1, pageSize: 10 })],
    ["getRunGrid", (who) => getRunGrid(who)],
    ["getRunDetail", (who) => getRunDetail(who, randomUUID())],
    ["getRunLogs", (who) => getRunLogs(who, randomUUID(), "txt")],
    ["runExists", (who) => runExists(who, randomUUID())],
    ["symbolExists", (who) => symbolExists(who, "SPY")],
  ];

  it.each(reads)("%s refuses a non-admin and no viewer at all", async (_name, read) => {
    await expect(read(alice)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(read(null as unknown as Viewer)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("answer an admin", async () => {
    expect((await getRunList(admin, { days: 30, page: 1, pageSize: 10 })).runs).toEqual([]);
    expect((await getStressOverview(admin)).portfolios).toEqual([]);
    await expect(getRunDetail(admin, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("user read models", () => {
  it("list only the viewer's own portfolios", async () => {
    expect((await getPortfolioList(alice)).map((p) => p.name)).toEqual(["Alice book"]);
    expect(await getPortfolioList(admin)).toEqual([]);
    await expect(getPortfolioList(null as unknown as Viewer)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("answer another user's portfolio, a missing one and a malformed id alike: not found (admins included)", async () => {
    for (const [who, id] of [[bob, alicePortfolio], [admin, alicePortfolio], [alice, randomUUID()], [alice, "not-a-uuid"]] as const) {
      await expect(getPortfolioDetail(who, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await getPortfolioDetail(alice, alicePortfolio)).name).toBe("Alice book");
  });

  it("show a user only their own onboarding jobs", async () => {
    const mine = await getPortfolioDetail(alice, alicePortfolio);
    expect(mine.onboarding).toMatchObject([{ symbol: "NEWCO", status: "failed", attempts: 2, error: "alice-only error text" }]);
    const theirs = await getPortfolioDetail(bob, bobPortfolio);
    expect(theirs.onboarding).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain("alice-only error text");
  });
});
