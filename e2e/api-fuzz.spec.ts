import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { ADMIN, apiContext } from "./helpers";

/**
 * Issue 8 §3: arbitrary input to every API route never produces a 5xx or a crash, and every 4xx carries a message.
 * Requests go to this machine's own server only, a bounded number per route.
 */

const RUNS = 40;
const QUEUE_FULL = /onboarding queue is full/;

async function adminContext(_baseURL: string): Promise<APIRequestContext> {
  return apiContext(ADMIN);
}

async function expectHandled(response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<void> {
  const status = response.status();
  const text = await response.text();
  if (status === 503 && QUEUE_FULL.test(text)) return;
  expect(status, `${what} → ${status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (status >= 400) {
    const body = JSON.parse(text) as { error?: unknown };
    expect(typeof body.error === "string" && body.error.length > 0, `${what}: 4xx without a message`).toBe(true);
  }
}

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "2026-02-30", "2026-11-28", "9999-12-31", "0000-00-00", "../../etc/passwd", "' OR 1=1 --", "\u0000", "\uFEFFAAPL", "phase_9", "phase_3_factors"),
);
const oddValue = fc.oneof(oddString, fc.integer(), fc.double(), fc.constant(1e308), fc.constant(-1e308), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
const oddObject = fc.dictionary(fc.constantFrom("date", "phase", "onlyFailed", "from", "to", "reprocess", "confirmLargeRange", "name", "startingEquity", "positions", "x"), oddValue, { maxKeys: 6 });

test.describe("API fuzzing", () => {
  test.describe.configure({ timeout: 300_000 });

  test("JSON bodies of the POST routes", async ({ baseURL }) => {
    const admin = await adminContext(baseURL!);
    for (const path of ["/api/admin/actions/rerun/preview", "/api/admin/actions/backfill/preview", "/api/admin/actions/rerun", "/api/admin/actions/backfill", "/api/portfolios", "/api/auth/login"]) {
      await fc.assert(fc.asyncProperty(fc.oneof(oddObject, oddValue), async (body) => {
        await expectHandled(await admin.post(path, { data: body as object }), `POST ${path} ${JSON.stringify(body)?.slice(0, 120)}`);
      }), { numRuns: RUNS });
      // Not JSON at all.
      await expectHandled(await admin.post(path, { data: "{not json", headers: { "content-type": "application/json" } }), `POST ${path} malformed`);
    }
  });

  test("ids and query strings of the GET routes", async ({ baseURL }) => {
    const admin = await adminContext(baseURL!);
    await fc.assert(fc.asyncProperty(oddString, fc.dictionary(fc.constantFrom("status", "jobType", "days", "page", "pageSize", "format"), oddString, { maxKeys: 4 }), async (id, query) => {
      const search = new URLSearchParams(query).toString();
      for (const path of [`/api/admin/runs?${search}`, `/api/admin/runs/${encodeURIComponent(id)}`, `/api/admin/runs/${encodeURIComponent(id)}/logs?${search}`,
        `/api/portfolios/${encodeURIComponent(id)}`, `/api/portfolios/${encodeURIComponent(id)}/exposures.csv`, `/api/portfolios/${encodeURIComponent(id)}/stress.csv`]) {
        await expectHandled(await admin.get(path), `GET ${path}`);
      }
    }), { numRuns: RUNS });
  });

  test("onboarding positions with odd symbols, encodings and huge values", async ({ baseURL }) => {
    const admin = await adminContext(baseURL!);
    const position = fc.record({
      symbol: fc.oneof(oddString, fc.constantFrom("AAPL", "brk.b", "HOME_EQUITY", "SPY250919C00460000", "ÄÖÜ", "AAPL\r\n")),
      quantity: fc.oneof(fc.double(), fc.integer(), fc.constant(1e300)),
      entryPrice: fc.oneof(fc.double(), fc.constant(Number.MAX_VALUE), fc.constant(0)),
      entryDate: oddString,
    });
    await fc.assert(fc.asyncProperty(fc.array(position, { minLength: 1, maxLength: 4 }), fc.oneof(fc.double(), fc.constant(1e20)), async (positions, startingEquity) => {
      await expectHandled(await admin.post("/api/portfolios", { data: { name: "Fuzz", startingEquity, positions } }), `POST /api/portfolios ${JSON.stringify(positions).slice(0, 160)}`);
    }), { numRuns: RUNS });
  });

  test("stress builder bodies and saved-scenario ids", async ({ baseURL }) => {
    const admin = await adminContext(baseURL!);
    const { portfolios } = (await (await admin.get("/api/portfolios")).json()) as { portfolios: { id: string }[] };
    const shocks = fc.dictionary(fc.constantFrom("Market", "Value", "Quality", "Low Volatility", "Interest Rate", "Gold", "__proto__", ""), oddValue, { maxKeys: 4 });
    const body = fc.record({
      portfolioId: fc.oneof(oddString, fc.constantFrom(...portfolios.map((p) => p.id), "00000000-0000-4000-8000-000000000000")),
      date: fc.option(oddString, { nil: undefined }),
      name: fc.option(oddString, { nil: undefined }),
      returnShocks: fc.oneof(shocks, oddValue),
      rateShockBp: fc.option(oddValue, { nil: undefined }),
    }, { requiredKeys: [] });
    for (const path of ["/api/stress/preview", "/api/stress/scenarios"]) {
      await fc.assert(fc.asyncProperty(fc.oneof(body, oddValue), async (data) => {
        await expectHandled(await admin.post(path, { data: data as object }), `POST ${path} ${JSON.stringify(data)?.slice(0, 160)}`);
      }), { numRuns: RUNS });
    }
    await fc.assert(fc.asyncProperty(oddString, async (id) => {
      const path = `/api/stress/scenarios/${encodeURIComponent(id)}`;
      await expectHandled(await admin.delete(path, { headers: { "content-type": "application/json" } }), `DELETE ${path}`);
    }), { numRuns: RUNS });
  });
});
