/**
 * The portfolio API from its stored read model: the stored answer equals the computed one, an unchanged portfolio is
 * a 304, and the tag changes after a nightly, a cleared date, a new position or an unpriced mark. Another user's
 * portfolio stays a 404 and answers are only ever privately cacheable.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/portfolios/[id]/route";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { startNightlyInProcess } from "@/lib/batch/run-in-process";
import { getPool } from "@/lib/db/client";
import { clearDateRows } from "@/lib/db/date-rows";
import { getPortfolioDetail } from "@/lib/queries/get-portfolio-detail";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";

const [N1, N2] = ["2025-12-01", "2025-12-02"];
const evening = (date: string) => new Date(`${date}T23:30:00Z`);

let owner: Viewer;
let ownerCookie: string;
let otherCookie: string;
let portfolioId: string;

useTestDatabase();
beforeAll(async () => {
  const userId = await insertTestUser();
  owner = { userId, email: "owner@example.test", name: "Owner", role: "user" };
  ownerCookie = `${sessionCookieName()}=${(await createSession(userId)).token}`;
  otherCookie = `${sessionCookieName()}=${(await createSession(await insertTestUser())).token}`;
  portfolioId = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: N1, name: "Cached book" });
  await insertTestPosition(portfolioId, { symbol: "AAPL", quantity: 50, entryPrice: 200, entryDate: N1 });
  await insertTestPosition(portfolioId, { symbol: "MSFT", quantity: -20, entryPrice: 300, entryDate: N1 });
  await startNightlyInProcess({ triggeredBy: "cron", now: evening(N1) });
}, 180_000);

function get(cookie: string, ifNoneMatch?: string): Promise<Response> {
  const headers: Record<string, string> = { cookie, host: "127.0.0.1:3101" };
  if (ifNoneMatch) headers["if-none-match"] = ifNoneMatch;
  return GET(new Request(`http://127.0.0.1:3101/api/portfolios/${portfolioId}`, { headers }), { params: Promise.resolve({ id: portfolioId }) });
}

async function storedBody(): Promise<unknown> {
  const { rows } = await getPool().query(`SELECT body FROM read_models WHERE portfolio_id = $1`, [portfolioId]);
  const text: string | null = rows[0]?.body ?? null;
  return text === null ? null : JSON.parse(text);
}

describe("GET /api/portfolios/<id> from its stored read model", () => {
  let firstTag: string;

  it("answers the computed detail, stores it, and then answers the stored copy with the same tag", async () => {
    const computed = await getPortfolioDetail(owner, portfolioId);
    expect(computed.calcDate).toBe(N1);
    const first = await get(ownerCookie);
    expect(first.status).toBe(200);
    firstTag = first.headers.get("etag")!;
    expect(firstTag).toMatch(new RegExp(`^"p-${N1}-\\d+"$`));
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(await first.json()).toEqual(JSON.parse(JSON.stringify(computed)));
    expect(await storedBody()).toEqual(JSON.parse(JSON.stringify(computed)));

    const second = await get(ownerCookie);
    expect(second.headers.get("etag")).toBe(firstTag);
    // The stored text itself, byte for byte: nothing parsed and printed again.
    const { rows } = await getPool().query(`SELECT body FROM read_models WHERE portfolio_id = $1`, [portfolioId]);
    expect(await second.text()).toBe(rows[0].body);
  });

  it("is 304 with no body for the current tag, and 200 for another", async () => {
    const unchanged = await get(ownerCookie, firstTag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(firstTag);
    expect(await unchanged.text()).toBe("");
    const other = await get(ownerCookie, `"p-${N1}-0"`);
    expect(other.status).toBe(200);
    expect((await other.json()).name).toBe("Cached book");
  });

  it("is the same 404 for another user, whatever tag they send", async () => {
    for (const tag of [undefined, firstTag, "*"]) {
      const response = await get(otherCookie, tag);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Portfolio not found." });
      expect(response.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("has a new tag and the newly computed answer after the next nightly", async () => {
    await startNightlyInProcess({ triggeredBy: "cron", now: evening(N2) });
    expect(await storedBody()).toBeNull();
    const after = await get(ownerCookie, firstTag);
    expect(after.status).toBe(200);
    const tag = after.headers.get("etag")!;
    expect(tag).toMatch(new RegExp(`^"p-${N2}-\\d+"$`));
    const body = await after.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(await getPortfolioDetail(owner, portfolioId))));
    expect(body.snapshots.map((s: { date: string }) => s.date)).toEqual([N1, N2]);
    firstTag = tag;
  }, 180_000);

  it("has a new tag after the date's stress rows are cleared, a position is added, or a held symbol is marked unpriced", async () => {
    const edits: [string, () => Promise<unknown>][] = [
      ["clear", () => clearDateRows(N2, ["stress_test_results", "stress_test_summaries"])],
      ["edit", () => insertTestPosition(portfolioId, { symbol: "NVDA", quantity: 5, entryPrice: 100, entryDate: N2 })],
      ["unpriced", () => getPool().query(`INSERT INTO unpriced_symbols (symbol, failed_dates, last_error) VALUES ('MSFT', ARRAY[$1::date], 'x')`, [N2])],
    ];
    for (const [what, edit] of edits) {
      expect((await get(ownerCookie, firstTag)).status).toBe(304);
      await edit();
      const after = await get(ownerCookie, firstTag);
      expect(after.status, what).toBe(200);
      expect(after.headers.get("etag"), what).not.toBe(firstTag);
      expect(await after.json(), what).toEqual(JSON.parse(JSON.stringify(await getPortfolioDetail(owner, portfolioId))));
      firstTag = after.headers.get("etag")!;
    }
    const detail = await getPortfolioDetail(owner, portfolioId);
    expect(detail.stressDate).toBe(N1);
    expect(detail.holdings.find((h) => h.symbol === "MSFT")?.factorStatus).toBe("no data");
    expect(detail.holdings.map((h) => h.symbol)).toContain("NVDA");
  }, 120_000);
});
