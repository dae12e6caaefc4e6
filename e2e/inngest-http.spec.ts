/**
 * The Inngest path over real HTTP: `next start` (the production build) with Inngest keys on its own database; this
 * test plays the Inngest executor's part — signed POSTs to /api/inngest, each step's result memoised and fed back,
 * planned parallel steps run one by one, sleeps resumed — until the nightly function returns. The run it drives is
 * recorded like any run and held by the Inngest run's lease; a tampered signature gets 401.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";
import { seedReferenceData } from "../lib/db/seed-reference-data";
import { latestCompletedTradingDay } from "../lib/base/calendar";

const SIGNING_KEY = "signkey-test-8f2c0d6a9b1e4f7a3c5d8e0b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d";
const FUNCTION_ID = "factorwatch-nightly-batch";
const INNGEST_RUN_ID = "01JFACTORWATCHE2EINNGEST01";
const PORTFOLIO_ID = "00000000-0000-4000-8000-0000000000e3";

/** JSON with object keys sorted (RFC 8785 for the values used here): what the SDK signs and verifies. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `t=<unix seconds>&s=<HMAC-SHA256 of body + t with the key without its prefix>`, as the Inngest server signs. */
function sign(body: string, key = SIGNING_KEY): string {
  const t = Math.floor(Date.now() / 1000).toString();
  return `t=${t}&s=${createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(body + t).digest("hex")}`;
}

interface Op { op: string; id: string; name?: string; data?: unknown; error?: unknown }

let database: EmbeddedDatabase;
let server: ChildProcess;
let baseUrl: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), "factorwatch-inngest-"));
  database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), ephemeral: true });
  await migrateDatabase(database.url);
  await seedReferenceData(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // A small book so the portfolio phases have work: incepted on the date the nightly computes.
  const user = "00000000-0000-4000-8000-0000000000e2";
  const inception = latestCompletedTradingDay(new Date());
  await client.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'inngest@e2e.local', 'E2E', 'x')`, [user]);
  await client.query(
    `INSERT INTO portfolios (id, user_id, name, starting_equity, current_equity, inception_date) VALUES ($2, $1, 'E2E book', 100000, 100000, $3)`,
    [user, PORTFOLIO_ID, inception]);
  await client.query(
    `INSERT INTO positions (id, portfolio_id, symbol, position_type, quantity, entry_price, entry_date, investment_class)
     VALUES (gen_random_uuid(), $1, 'AAPL', 'LONG', 100, 150, $2, 'PUBLIC')`, [PORTFOLIO_ID, inception]);
  await client.end();
  const port = await findFreePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: database.url, INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: "e2e-event-key", INNGEST_DEV: "", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[next] ${chunk}`));
  for (let attempt = 0; ; attempt += 1) {
    const live = await fetch(`${baseUrl}/health/live`).then((response) => response.ok, () => false);
    if (live) break;
    if (attempt > 240) throw new Error("next start did not answer /health/live within a minute");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await database?.stop();
});

test("drives the nightly through /api/inngest as the Inngest executor does, until the run completes", async () => {
  test.setTimeout(300_000);
  const event = { data: { triggeredBy: "cron" }, id: "01JEVENTE2ENIGHTLY0000000001", name: "factorwatch/nightly.requested", ts: Date.now() };
  const steps: Record<string, { data: unknown }> = {};
  const stack: string[] = [];
  const call = async (stepId: string) => {
    const body = canonicalJson({
      ctx: { attempt: 0, disable_immediate_execution: false, run_id: INNGEST_RUN_ID, stack: { current: stack.length, stack }, use_api: false },
      event, events: [event], steps, version: 2,
    });
    const response = await fetch(`${baseUrl}/api/inngest?fnId=${FUNCTION_ID}&stepId=${encodeURIComponent(stepId)}`, {
      method: "POST", headers: { "content-type": "application/json", "x-inngest-signature": sign(body) }, body,
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  const memoise = (op: Op) => {
    steps[op.id] = { data: op.data ?? null };
    stack.push(op.id);
  };
  const seen: string[] = [];
  let result: unknown;
  for (let request = 0; request < 200 && result === undefined; request += 1) {
    const answer = await call("step");
    if (answer.status === 200) {
      result = answer.json;
      break;
    }
    expect(answer.status, JSON.stringify(answer.json)).toBe(206);
    for (const op of answer.json as Op[]) {
      seen.push(`${op.op}:${op.name ?? op.id}`);
      if (op.op === "StepRun" || op.op === "Sleep") memoise(op);
      else if (op.op === "StepPlanned") {
        // A planned (parallel) step: the executor asks for that one step by its id.
        const ran = await call(op.id);
        expect(ran.status, JSON.stringify(ran.json)).toBe(206);
        const [done] = ran.json as Op[];
        expect(done, JSON.stringify(ran.json)).toMatchObject({ op: "StepRun", id: op.id });
        memoise(done);
      } else throw new Error(`unexpected op ${JSON.stringify(op)}`);
    }
  }
  expect(result).toMatchObject({ status: "completed", runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const runId = (result as { runId: string }).runId;
  expect(seen[0]).toBe("StepRun:create-run");
  expect(seen).toContain("StepRun:finish-run");

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const run = await client.query(`SELECT job_type, status, engine, owner, stale_after_ms, calc_dates FROM batch_runs WHERE id = $1`, [runId]);
    expect(run.rows[0]).toMatchObject({
      job_type: "nightly", status: "completed", engine: "inngest", owner: `inngest:${INNGEST_RUN_ID}`, stale_after_ms: 30 * 60_000,
    });
    const phases = await client.query(`SELECT phase_key, status FROM batch_phase_runs WHERE run_id = $1 ORDER BY phase_key`, [runId]);
    expect(phases.rows.map((row) => `${row.phase_key}:${row.status}`)).toEqual([
      "phase_0_valuations:completed", "phase_1_market_data:completed", "phase_2_fundamentals:skipped", "phase_3_factors:completed",
      "phase_4_pnl:completed", "phase_5_factor_aggregation:completed", "phase_6_stress:completed",
    ]);
    const factors = await client.query(`SELECT count(DISTINCT symbol)::int AS n FROM symbol_factor_exposures`);
    expect(factors.rows[0].n).toBeGreaterThanOrEqual(18);
    const book = await client.query(`SELECT s.is_complete, s.equity_balance, s.exposures_revision = s.revision AS exposed, s.stress_revision = s.revision AS stressed
                                       FROM portfolio_snapshots s WHERE s.portfolio_id = $1`, [PORTFOLIO_ID]);
    expect(book.rows).toEqual([{ is_complete: true, equity_balance: "100000.00", exposed: true, stressed: true }]);
    // Every step's memoised output stayed small (ids and counts).
    for (const [id, value] of Object.entries(steps)) expect(JSON.stringify(value).length, id).toBeLessThan(2_000);
  } finally {
    await client.end();
  }
});

test("refuses a tampered or missing signature with 401", async () => {
  const event = { data: { triggeredBy: "cron" }, id: "01JEVENTE2ETAMPER00000000001", name: "factorwatch/nightly.requested", ts: Date.now() };
  const body = canonicalJson({ ctx: { attempt: 0, disable_immediate_execution: false, run_id: "01JTAMPERED", stack: { current: 0, stack: [] }, use_api: false }, event, events: [event], steps: {}, version: 2 });
  const signature = sign(body);
  const tampered = body.replace('"cron"', '"admin"');
  const post = (payload: string, headers: Record<string, string>) => fetch(`${baseUrl}/api/inngest?fnId=${FUNCTION_ID}&stepId=step`, {
    method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload,
  });
  for (const response of [
    await post(tampered, { "x-inngest-signature": signature }),
    await post(body, { "x-inngest-signature": sign(body, "signkey-test-00000000000000000000000000000000") }),
    await post(body, {}),
  ]) {
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const runs = await client.query(`SELECT count(*)::int AS n FROM batch_runs WHERE owner = 'inngest:01JTAMPERED'`);
    expect(runs.rows[0].n).toBe(0);
  } finally {
    await client.end();
  }
});
