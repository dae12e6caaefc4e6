import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, apiContext, DEMO } from "./helpers";

/** Issue 8 §4: every admin action is refused for a user and for an anonymous client; users see only their own portfolios. */

const ADMIN_ENDPOINTS: { method: "get" | "post"; path: string; body?: unknown }[] = [
  { method: "get", path: "/api/admin/runs" },
  { method: "get", path: "/api/admin/runs/00000000-0000-4000-8000-000000000000" },
  { method: "get", path: "/api/admin/runs/00000000-0000-4000-8000-000000000000/logs?format=json" },
  { method: "post", path: "/api/admin/actions/rerun/preview", body: { date: "2026-11-27", phase: "phase_3_factors" } },
  { method: "post", path: "/api/admin/actions/rerun", body: { date: "2026-11-27", phase: "phase_3_factors" } },
  { method: "post", path: "/api/admin/actions/backfill/preview", body: { from: "2026-11-02", to: "2026-11-27", reprocess: "missing" } },
  { method: "post", path: "/api/admin/actions/backfill", body: { from: "2026-11-02", to: "2026-11-27", reprocess: "all" } },
];

async function signedIn(_baseURL: string, who: { email: string; password: string }): Promise<APIRequestContext> {
  return apiContext(who);
}

async function call(context: APIRequestContext, endpoint: (typeof ADMIN_ENDPOINTS)[number]) {
  return endpoint.method === "get" ? context.get(endpoint.path) : context.post(endpoint.path, { data: endpoint.body });
}

test.describe("authorization", () => {
  test("anonymous clients get 401 with a message on every admin and portfolio API", async () => {
    const anonymous = await apiContext();
    for (const endpoint of [...ADMIN_ENDPOINTS, { method: "get" as const, path: "/api/portfolios" }, { method: "post" as const, path: "/api/portfolios", body: {} }]) {
      const response = await call(anonymous, endpoint);
      expect(response.status(), `${endpoint.method} ${endpoint.path}`).toBe(401);
      expect((await response.json()).error).toBe("Sign in first.");
    }
  });

  test("a signed-in user gets 403 on every admin action", async ({ baseURL }) => {
    const user = await signedIn(baseURL!, DEMO);
    for (const endpoint of ADMIN_ENDPOINTS) {
      const response = await call(user, endpoint);
      expect(response.status(), `${endpoint.method} ${endpoint.path}`).toBe(403);
      expect((await response.json()).error).toBe("This action needs an admin.");
    }
  });

  test("a user cannot read, export or take over another user's portfolio", async ({ baseURL }) => {
    const admin = await signedIn(baseURL!, ADMIN);
    const created = await admin.post("/api/portfolios", {
      data: { name: "Admin private book", startingEquity: 250_000, positions: [{ symbol: "AAPL", quantity: 10, entryPrice: 100, entryDate: "2026-10-01" }] },
    });
    expect(created.status()).toBe(201);
    const { portfolioId } = (await created.json()) as { portfolioId: string };

    const user = await signedIn(baseURL!, DEMO);
    for (const path of [`/api/portfolios/${portfolioId}`, `/api/portfolios/${portfolioId}/exposures.csv`, `/api/portfolios/${portfolioId}/stress.csv`]) {
      const response = await user.get(path);
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error).toBeTruthy();
    }
    const list = (await (await user.get("/api/portfolios")).json()) as { portfolios: { id: string }[] };
    expect(list.portfolios.map((portfolio) => portfolio.id)).not.toContain(portfolioId);

    // A user id smuggled into the body is ignored: the portfolio belongs to whoever is signed in.
    const smuggled = await user.post("/api/portfolios", {
      data: { userId: "00000000-0000-4000-8000-000000000000", name: "Mine", startingEquity: 10_000, positions: [{ symbol: "MSFT", quantity: 1, entryPrice: 10, entryDate: "2026-10-01" }] },
    });
    expect(smuggled.status()).toBe(201);
    const mine = (await smuggled.json()) as { portfolioId: string };
    expect((await user.get(`/api/portfolios/${mine.portfolioId}`)).status()).toBe(200);
    expect((await admin.get(`/api/portfolios/${mine.portfolioId}`)).status()).toBe(404);
  });
});
