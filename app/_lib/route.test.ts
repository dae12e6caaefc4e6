import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as listRuns } from "@/app/api/admin/runs/route";
import { GET as listPortfolios, POST as createPortfolio } from "@/app/api/portfolios/route";
import { upsertUser } from "@/lib/auth/accounts";
import { setUserRole } from "@/lib/db/users";
import { useTestDatabase } from "@/lib/testing/test-database";

const ORIGIN = "http://127.0.0.1:3101";
const ADMIN = { email: "root@example.com", password: "root-password-1" };
const USER = { email: "user@example.com", password: "user-password-1" };
let adminId: string;

useTestDatabase();
beforeAll(async () => {
  adminId = (await upsertUser({ ...ADMIN, name: "Root", role: "admin" })).id;
  await upsertUser({ ...USER, name: "User", role: "user" });
});

let address = 0;
/** A request as the browser of one client (its own address, so throttling of one test does not touch another). */
function request(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; cookie?: string } = {}) {
  address += 1;
  const headers: Record<string, string> = { host: "127.0.0.1:3101", "x-forwarded-for": `192.0.2.${address % 250}`, ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? "GET", body: init.body, headers });
}

const sameOriginJson = { origin: ORIGIN, "content-type": "application/json" };

async function signIn(who: { email: string; password: string }): Promise<string> {
  const response = await login(request("/api/auth/login", { method: "POST", body: JSON.stringify(who), headers: sameOriginJson }));
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0];
}

describe("state-changing requests", () => {
  it("refuse a text/plain or foreign-origin login with a sentence and set no cookie", async () => {
    const body = JSON.stringify(ADMIN);
    for (const headers of <Record<string, string>[]>[
      { origin: ORIGIN, "content-type": "text/plain" },
      { origin: "https://evil.example", "content-type": "application/json" },
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      { "content-type": "application/json" },
    ]) {
      const response = await login(request("/api/auth/login", { method: "POST", body, headers }));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error).toMatch(/^Refused: /);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("refuse a JSON body over 1 MB (413), malformed JSON (400) and invalid input (422), each with a sentence", async () => {
    const cookie = await signIn(USER);
    const huge = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    const tooLarge = await createPortfolio(request("/api/portfolios", { method: "POST", body: huge, headers: sameOriginJson, cookie }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: "The request body is larger than 1 MB." });
    const malformed = await createPortfolio(request("/api/portfolios", { method: "POST", body: "{not json", headers: sameOriginJson, cookie }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: "The request body must be JSON." });
    const invalid = await createPortfolio(request("/api/portfolios", { method: "POST", body: "{}", headers: sameOriginJson, cookie }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error).toMatch(/^name: /);
  });
});

describe("sessions over HTTP", () => {
  it("set a __Host- cookie that is HttpOnly, Secure and SameSite=Lax", async () => {
    const response = await login(request("/api/auth/login", { method: "POST", body: JSON.stringify(USER), headers: sameOriginJson }));
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-fw_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=604800$/);
    expect(await response.json()).toEqual({ user: { name: "User", role: "user" } });
  });

  it("refuse a token replayed after logout", async () => {
    const cookie = await signIn(USER);
    expect((await listPortfolios(request("/api/portfolios", { cookie }))).status).toBe(200);
    const out = await logout(request("/api/auth/logout", { method: "POST", body: "{}", headers: sameOriginJson, cookie }));
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-fw_session=; .*Max-Age=0$/);
    const replay = await listPortfolios(request("/api/portfolios", { cookie }));
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: "Sign in first." });
  });

  it("start a new session at every sign-in and end the one the browser had", async () => {
    const first = await signIn(USER);
    const again = await login(request("/api/auth/login", { method: "POST", body: JSON.stringify(USER), headers: sameOriginJson, cookie: first }));
    const second = (again.headers.get("set-cookie") ?? "").split(";")[0];
    expect(second).not.toBe(first);
    expect((await listPortfolios(request("/api/portfolios", { cookie: first }))).status).toBe(401);
    expect((await listPortfolios(request("/api/portfolios", { cookie: second }))).status).toBe(200);
  });

  it("apply a role change on the next request", async () => {
    const cookie = await signIn(ADMIN);
    const before = await listRuns(request("/api/admin/runs", { cookie }));
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toBe("private, no-store");
    await setUserRole(adminId, "user");
    expect((await listRuns(request("/api/admin/runs", { cookie }))).status).toBe(401);
    const demoted = await signIn(ADMIN);
    const refused = await listRuns(request("/api/admin/runs", { cookie: demoted }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "This action needs an admin." });
    await setUserRole(adminId, "admin");
  });

  it("answer 429 with Retry-After after 5 failed logins, and set no cookie", async () => {
    const attempt = (password: string) => login(request("/api/auth/login", { method: "POST", body: JSON.stringify({ email: "target@example.com", password }), headers: sameOriginJson }));
    for (let i = 0; i < 5; i += 1) {
      const failed = await attempt(`wrong-${i}`);
      expect(failed.status).toBe(401);
      expect(await failed.json()).toEqual({ error: "Wrong email or password." });
    }
    const throttled = await attempt("wrong-5");
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(840);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await throttled.json()).toEqual({ error: "Too many failed sign-ins; try again in 15 minutes." });
    expect(throttled.headers.get("set-cookie")).toBeNull();
  });
});
