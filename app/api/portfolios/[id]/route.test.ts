/**
 * The portfolio API from its stored read model: the stored answer equals the computed one, an unchanged portfolio is
 * a 304, and the tag changes after a nightly, a cleared date, a new position or an unpriced mark. Another user's
 * portfolio stays a 404 and answers are only ever privately cacheable.
 *
 * Every request is sent twice: to the route handler, and to an HTTP server composed as server.mjs is (the fast path
 * of a stored answer, else the route handler). Both must give the same status, headers and bytes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/portfolios/[id]/route";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { startNightlyInProcess } from "@/lib/batch/run-in-process";
import { getPool } from "@/lib/db/client";
import { clearDateRows } from "@/lib/db/date-rows";
import { answerStoredPortfolio } from "@/lib/http/portfolio-api-fast-path";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { deletePersonalScenario, insertPersonalScenario } from "@/lib/db/stress-scenario-rows";
import { getPortfolioDetail } from "@/lib/queries/get-portfolio-detail";
import { insertTestPortfolio, insertTestPosition, insertTestUser } from "@/lib/testing/portfolio-fixtures";
import { useTestDatabase } from "@/lib/testing/test-database";

const [N1, N2] = ["2025-12-01", "2025-12-02"];
const evening = (date: string) => new Date(`${date}T23:30:00Z`);

let owner: Viewer;
let ownerCookie: string;
let otherCookie: string;
let portfolioId: string;
let personalScenarioId: string;
let server: Server;
let serverUrl: string;
/** Which path answered each request to the server, in order: "fast" or "route". */
const answeredBy: string[] = [];

useTestDatabase();
beforeAll(async () => {
  server = createServer(async (request, response) => {
    if (await answerStoredPortfolio(request, response)) return void answeredBy.push("fast");
    answeredBy.push("route");
    const id = request.url!.split("/")[3];
    const headers = new Headers();
    for (const name of ["cookie", "if-none-match"]) if (request.headers[name]) headers.set(name, String(request.headers[name]));
    const answer = await GET(new Request(`http://127.0.0.1:3101${request.url}`, { headers }), { params: Promise.resolve({ id }) });
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userId = await insertTestUser();
  owner = { userId, email: "owner@example.test", name: "Owner", role: "user" };
  ownerCookie = `${sessionCookieName()}=${(await createSession(userId)).token}`;
  otherCookie = `${sessionCookieName()}=${(await createSession(await insertTestUser())).token}`;
  portfolioId = await insertTestPortfolio({ userId, startingEquity: 100_000, inceptionDate: N1, name: "Cached book" });
  await insertTestPosition(portfolioId, { symbol: "AAPL", quantity: 50, entryPrice: 200, entryDate: N1 });
  await insertTestPosition(portfolioId, { symbol: "MSFT", quantity: -20, entryPrice: 300, entryDate: N1 });
  // A scenario of the owner's own: the nightly stresses the portfolio with it too.
  personalScenarioId = (await insertPersonalScenario({ ownerId: userId, name: "Owner's crash", description: "", shocks: { Market: -0.3 } })).scenarioId;
  await startNightlyInProcess({ triggeredBy: "cron", now: evening(N1) });
}, 180_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ROUTE_HEADERS = ["etag", "cache-control", "vary", "content-type"];

/** The answer of the route handler, after checking that the server (fast path or route) gives the same one. */
async function get(cookie: string, ifNoneMatch?: string): Promise<Response> {
  const headers: Record<string, string> = { cookie };
  if (ifNoneMatch) headers["if-none-match"] = ifNoneMatch;
  const viaServer = await fetch(`${serverUrl}/api/portfolios/${portfolioId}`, { headers });
  const viaRoute = await GET(new Request(`http://127.0.0.1:3101/api/portfolios/${portfolioId}`, { headers }), { params: Promise.resolve({ id: portfolioId }) });
  const body = await viaRoute.text();
  expect(await viaServer.text()).toBe(body);
  for (const name of ["status", ...ROUTE_HEADERS]) {
    const read = (response: Response) => (name === "status" ? response.status : response.headers.get(name));
    expect(read(viaServer), name).toBe(read(viaRoute));
  }
  if (answeredBy.at(-1) === "fast") {
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(viaServer.headers.get(name)).toBe(value);
    expect(viaServer.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  }
  return new Response(viaRoute.status === 304 ? null : body, { status: viaRoute.status, headers: viaRoute.headers });
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

    expect(answeredBy).toEqual(["route"]);
    const second = await get(ownerCookie);
    expect(second.headers.get("etag")).toBe(firstTag);
    expect(answeredBy.at(-1)).toBe("fast");
    // The stored text itself, byte for byte: nothing parsed and printed again.
    const { rows } = await getPool().query(`SELECT body FROM read_models WHERE portfolio_id = $1`, [portfolioId]);
    expect(await second.text()).toBe(rows[0].body);
  });

  it("is 304 with no body for the current tag, and 200 for another", async () => {
    const unchanged = await get(ownerCookie, firstTag);
    expect(unchanged.status).toBe(304);
    expect(answeredBy.at(-1)).toBe("fast");
    expect(unchanged.headers.get("etag")).toBe(firstTag);
    expect(await unchanged.text()).toBe("");
    const other = await get(ownerCookie, `"p-${N1}-0"`);
    expect(other.status).toBe(200);
    expect((await other.json()).name).toBe("Cached book");
  });

  it("cancels the stored answer's query in PostgreSQL when the client goes away", async () => {
    const waitingReads = async () => (await getPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%WITH owned AS%' AND pid <> pg_backend_pid()`)).rows[0].n;
    const settle = async (until: (n: number) => boolean) => {
      for (let waited = 0; waited < 5_000 && !until(await waitingReads()); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      return waitingReads();
    };
    const locker = await getPool().connect();
    try {
      // The read model's query waits behind this lock, so it is still running when the client leaves.
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE read_models IN ACCESS EXCLUSIVE MODE");
      const client = new AbortController();
      fetch(`${serverUrl}/api/portfolios/${portfolioId}`, { headers: { cookie: ownerCookie }, signal: client.signal }).catch(() => undefined);
      expect(await settle((n) => n > 0)).toBe(1);
      client.abort();
      expect(await settle((n) => n === 0)).toBe(0);
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    expect(answeredBy.at(-1)).toBe("fast");
  });

  it("is the same 404 for another user, whatever tag they send", async () => {
    for (const tag of [undefined, firstTag, "*"]) {
      const response = await get(otherCookie, tag);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Portfolio not found." });
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(answeredBy.at(-1)).toBe("route");
    }
  });

  it("is 401 without a live session, even when the answer is stored", async () => {
    for (const cookie of ["", `${sessionCookieName()}=${"x".repeat(43)}`]) {
      const response = await get(cookie, firstTag);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "Sign in first." });
      expect(answeredBy.at(-1)).toBe("route");
    }
  });

  it("has a new tag and the newly computed answer after the next nightly", async () => {
    await startNightlyInProcess({ triggeredBy: "cron", now: evening(N2) });
    expect(await storedBody()).toBeNull();
    const after = await get(ownerCookie, firstTag);
    expect(after.status).toBe(200);
    expect(answeredBy.at(-1)).toBe("route");
    const tag = after.headers.get("etag")!;
    expect(tag).toMatch(new RegExp(`^"p-${N2}-\\d+"$`));
    const body = await after.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(await getPortfolioDetail(owner, portfolioId))));
    expect(body.snapshots.map((s: { date: string }) => s.date)).toEqual([N1, N2]);
    firstTag = tag;
  }, 180_000);

  it("has a new tag after the date's stress rows are cleared, a position is added, a held symbol is marked unpriced, or a personal scenario is deleted", async () => {
    const edits: [string, () => Promise<unknown>][] = [
      ["clear", () => clearDateRows(N2, ["stress_test_results", "stress_test_summaries"])],
      ["edit", () => insertTestPosition(portfolioId, { symbol: "NVDA", quantity: 5, entryPrice: 100, entryDate: N2 })],
      ["unpriced", () => getPool().query(`INSERT INTO unpriced_symbols (symbol, failed_dates, last_error) VALUES ('MSFT', ARRAY[$1::date], 'x')`, [N2])],
      // Its stress rows go with it (cascade); the stored answer must not keep showing them.
      ["scenario deleted", () => deletePersonalScenario(owner.userId, personalScenarioId)],
    ];
    expect((await getPortfolioDetail(owner, portfolioId)).stress.filter((row) => row.personal).map((row) => row.scenarioId)).toEqual([personalScenarioId]);
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
    expect(detail.stress.some((row) => row.personal)).toBe(false);
  }, 120_000);
});
