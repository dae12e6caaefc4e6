/**
 * A holding's factor status follows R16's public-equity predicate, the one the exposures use: a listed symbol held as
 * an option or already exited is excluded, not reported as missing factors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { getPortfolioDetail } from "@/lib/queries/get-portfolio-detail";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";

const INCEPTION = "2025-12-01";
let viewer: Viewer;
let portfolioId: string;

useTestDatabase();
beforeAll(async () => {
  const userId = await insertTestUser();
  viewer = { userId, email: "holder@example.test", name: "Holder", role: "user" };
  portfolioId = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: INCEPTION });
  // No factor rows and no onboarding jobs for any of these symbols: only the predicate tells them apart.
  await insertTestPosition(portfolioId, { symbol: "QQQQ", quantity: 10, entryPrice: 50, entryDate: INCEPTION });
  await insertTestPosition(portfolioId, { symbol: "RRRR", quantity: 2, entryPrice: 5, entryDate: INCEPTION, positionType: "LC" });
  await insertTestPosition(portfolioId, { symbol: "SSSS", quantity: 10, entryPrice: 50, entryDate: INCEPTION, exitDate: INCEPTION });
  await insertTestPosition(portfolioId, { symbol: "TTTT", quantity: 10, entryPrice: 50, entryDate: INCEPTION, investmentClass: "PRIVATE" });
  await insertTestPosition(portfolioId, { symbol: "UUUU", quantity: 10, entryPrice: 50, entryDate: INCEPTION, investmentClass: null });
});

describe("getPortfolioDetail holdings", () => {
  it("excludes option-typed, exited and private holdings, and reports a public one without factors as missing", async () => {
    const detail = await getPortfolioDetail(viewer, portfolioId);
    const status = Object.fromEntries(detail.holdings.map((h) => [h.symbol, h.factorStatus]));
    expect(status).toEqual({ QQQQ: "missing", RRRR: "excluded", SSSS: "excluded", TTTT: "excluded", UUUU: "missing" });
  });
});
