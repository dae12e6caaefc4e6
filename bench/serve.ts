import { errorMessage } from "../lib/base/error-message";
/**
 * `npm run bench -- --serve [--serve-seconds N]`: `factorwatch start` (the demo book, the catch-up batch, the web
 * server processes) on a throw-away embedded database, on loopback only; then autocannon against the routes of the
 * issue, 10 and 100 connections for N seconds each (default 10), and 400 connections for the share of quick 503s;
 * then the API at 100 connections again while a backfill runs. Everything it starts is stopped at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";

const HOST = "127.0.0.1";
const ADMIN = { email: "admin@factorwatch.local", password: "bench-admin-password" };
const DEMO = { email: "demo@factorwatch.local", password: "bench-demo-password" };

export interface LoadFigure {
  connections: number;
  /** Every answer per second, 503s included. */
  reqPerS: number;
  /** Answers with a 2xx status per second: what readers got. */
  okPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  status503: number;
  otherNon2xx: number;
  errors: number;
  timeouts: number;
  share503: number;
}

export interface ServeFigures {
  seconds: number;
  serverProcesses: number;
  routes: Record<string, LoadFigure[]>;
  /** 2xx answers per second of the portfolio API at 100 connections, idle and during a backfill. */
  backfill: { idleOkPerS: number; duringBackfillOkPerS: number; ratio: number; backfillDays: number } | null;
}

function toFigure(connections: number, result: Result): LoadFigure {
  const status503 = result.statusCodeStats?.["503"]?.count ?? 0;
  const all = result["2xx"] + result.non2xx + result.errors + result.timeouts;
  return {
    connections, reqPerS: Math.round(result.requests.average), okPerS: Math.round(result["2xx"] / result.duration), p50Ms: result.latency.p50, p99Ms: result.latency.p99, maxMs: result.latency.max,
    ok: result["2xx"], status503, otherNon2xx: result.non2xx - status503, errors: result.errors, timeouts: result.timeouts,
    share503: all > 0 ? Number((status503 / all).toFixed(3)) : 0,
  };
}

async function waitForReady(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`factorwatch start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the dashboard was not ready after ${timeoutMs / 1000} s`);
}

async function signIn(base: string, who: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST", headers: { origin: base, "content-type": "application/json" }, body: JSON.stringify(who),
  });
  if (!response.ok) throw new Error(`sign-in of ${who.email} failed: HTTP ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0];
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function benchmarkServe(options: { seconds: number; port: number; log: (line: string) => void }): Promise<ServeFigures> {
  const { seconds, port, log } = options;
  const base = `http://${HOST}:${port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "factorwatch-serve-bench-"));
  const serverLog = createWriteStream(path.join(dir, "start.log"));
  const serverProcesses = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", "start"], {
    env: {
      ...process.env, HOST, PORT: String(port), FACTORWATCH_DATA_DIR: path.join(dir, "pg"), DATABASE_URL: "",
      FACTORWATCH_ADMIN_PASSWORD: ADMIN.password, FACTORWATCH_DEMO_PASSWORD: DEMO.password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(serverLog);
  child.stderr!.pipe(serverLog);
  try {
    log(`serve bench: starting factorwatch on ${base} (log ${path.join(dir, "start.log")})`);
    await waitForReady(base, child, 15 * 60_000);
    const [demo, admin] = [await signIn(base, DEMO), await signIn(base, ADMIN)];
    const list = await (await fetch(`${base}/api/portfolios`, { headers: { cookie: demo } })).json() as { portfolios: { id: string }[] };
    const portfolioId = list.portfolios[0].id;
    // The page twice: as a reader gets it while its data is unchanged (kept by the server after the first render),
    // and rendered for every request, as a hard reload (Cache-Control: no-cache) or the first view after a change is.
    const routes: [string, string, string, Record<string, string>?][] = [
      ["GET /api/portfolios/<id>", `/api/portfolios/${portfolioId}`, demo],
      ["GET /portfolios/<id>", `/portfolios/${portfolioId}`, demo],
      ["GET /portfolios/<id>, rendered (no-cache)", `/portfolios/${portfolioId}`, demo, { "cache-control": "no-cache" }],
      ["GET /admin", "/admin", admin],
      ["GET /api/admin/runs", "/api/admin/runs", admin],
    ];
    const load = async (url: string, cookie: string, connections: number, duration = seconds, headers: Record<string, string> = {}) =>
      toFigure(connections, await autocannon({ url: `${base}${url}`, connections, duration, timeout: 10, headers: { cookie, ...headers } }));
    const figures: ServeFigures = { seconds, serverProcesses, routes: {}, backfill: null };
    for (const [name, url, cookie, headers] of routes) {
      await load(url, cookie, 4, 2, headers); // warm-up: compiled paths, stored read models, pools
      figures.routes[name] = [];
      for (const connections of [10, 100, 400]) {
        const figure = await load(url, cookie, connections, seconds, headers);
        figures.routes[name].push(figure);
        log(`serve bench: ${name} × ${connections}: ${figure.reqPerS} req/s (${figure.okPerS} 200s/s), p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms, 503 ${(figure.share503 * 100).toFixed(1)} %, timeouts ${figure.timeouts}`);
      }
    }
    figures.backfill = await loadDuringBackfill(base, admin, () => load(routes[0][1], demo, 100), log).catch((error: unknown) => {
      log(`serve bench: the backfill figure failed: ${errorMessage(error)}`);
      return null;
    });
    return figures;
  } finally {
    await stopServer(child);
    serverLog.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The portfolio API at 100 connections, idle and while an admin's backfill (reprocess all) of the demo range runs. */
async function loadDuringBackfill(base: string, admin: string, run: () => Promise<LoadFigure>, log: (line: string) => void): Promise<ServeFigures["backfill"]> {
  const idle = await run();
  const runs = await (await fetch(`${base}/api/admin/runs`, { headers: { cookie: admin } })).json() as { runs?: { calcDates?: string[] }[] };
  const dates = (runs.runs ?? []).flatMap((r) => r.calcDates ?? []).sort();
  if (dates.length === 0) {
    log("serve bench: no dates to backfill; skipped the backfill figure");
    return null;
  }
  const [from, to] = [dates[0], dates[dates.length - 1]];
  const started = await fetch(`${base}/api/admin/actions/backfill`, {
    method: "POST", headers: { cookie: admin, origin: base, "content-type": "application/json" },
    body: JSON.stringify({ from, to, reprocess: "all", confirmLargeRange: true }),
  });
  if (started.status !== 202) {
    log(`serve bench: the backfill was refused (HTTP ${started.status}: ${await started.text()}); skipped the backfill figure`);
    return null;
  }
  const during = await run();
  const days = new Set(dates).size;
  const ratio = idle.okPerS > 0 ? Number((during.okPerS / idle.okPerS).toFixed(3)) : 0;
  log(`serve bench: API × 100 idle ${idle.okPerS} 200s/s, during a backfill of ${days} day(s) ${during.okPerS} 200s/s (${(ratio * 100).toFixed(0)} %)`);
  return { idleOkPerS: idle.okPerS, duringBackfillOkPerS: during.okPerS, ratio, backfillDays: days };
}
