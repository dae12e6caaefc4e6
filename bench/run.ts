/**
 * `npm run bench [-- --quick]`: builds a synthetic market in a fresh embedded PostgreSQL and measures the figures the
 * README quotes. Prints a table and writes bench/results.json. `--quick` runs a 10× smaller version.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDatabase } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrateDatabase } from "../lib/db/migrate";
import { seedReferenceData } from "../lib/db/seed-reference-data";

const quick = process.argv.includes("--quick");
const scale = quick ? 0.1 : 1;
const SYMBOLS = Math.round(5000 * scale);
const PORTFOLIOS = Math.round(10000 * scale);

type Figures = Record<string, number | string | null>;
const figures: Figures = {};
const notes: Record<string, string> = {};

async function freshDatabase(adminUrl: string, template: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  await closeDatabase();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  process.env.DATABASE_URL = url;
  return url;
}

async function measure(name: string, body: () => Promise<void>): Promise<void> {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    await body();
    const { rss, heapUsed } = process.memoryUsage();
    process.stderr.write(`bench: ${name} done; rss ${Math.round(rss / 2 ** 20)} MB, heap ${Math.round(heapUsed / 2 ** 20)} MB, peak so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  } catch (error) {
    notes[name] = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${name} failed: ${notes[name]}\n`);
  }
}

async function main(): Promise<void> {
  const parent = mkdtempSync(path.join(os.tmpdir(), "factorwatch-bench-"));
  chmodSync(parent, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), database: "bench_template", ephemeral: true });
  try {
    await migrateDatabase(database.url);
    await seedReferenceData(database.url);
    const adminUrl = database.url.replace(/\/bench_template$/, "/postgres");

    await measure("factor math", async () => {
      const { benchmarkFactorMath } = await import("../lib/risk/benchmark-factor-math");
      figures.phase3_math_symbols_5000_s = round(benchmarkFactorMath(SYMBOLS), 4);
    });
    await measure("phase 1", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_phase1");
      const { benchmarkPhase1 } = await import("../lib/batch/benchmark-phase1");
      const result = await benchmarkPhase1(SYMBOLS);
      figures.phase1_rows_per_s = Math.round(result.rowsPerSecond);
      figures.phase1_rows = result.rows;
    });
    await measure("phase 3", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_phase3");
      const { benchmarkPhase3 } = await import("../lib/batch/benchmark-phase3");
      const result = await benchmarkPhase3(SYMBOLS);
      figures.phase3_symbols_5000_s = round(result.seconds, 3);
      figures.phase3_math_in_phase_s = round(result.mathSeconds, 4);
    });
    await measure("onboarding", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_onboarding");
      const { benchmarkOnboarding } = await import("./onboarding");
      figures.onboarding_known_ms = round(await benchmarkOnboarding(), 1);
    });
    await measure("portfolio refresh", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_refresh");
      const { benchmarkPortfolioRefresh } = await import("../lib/batch/benchmark-refresh");
      const result = await benchmarkPortfolioRefresh(PORTFOLIOS, 25);
      figures.refresh_portfolios_10000_s = round(result.seconds, 3);
    });
    await measure("runs api", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_api");
      const { benchmarkRunsApi } = await import("./runs-api");
      figures.api_runs_p95_ms = round(await benchmarkRunsApi(), 2);
    });
    await measure("nightly", async () => {
      await freshDatabase(adminUrl, "bench_template", "bench_nightly");
      const { benchmarkNightly } = await import("./nightly");
      const result = await benchmarkNightly(SYMBOLS, PORTFOLIOS);
      figures.nightly_total_s = round(result.seconds, 2);
      figures.audit_violations_after_nightly = result.auditViolations;
      figures.nightly_no_change_ms = round(result.noChangeMs, 1);
      notes.nightly_no_change_ms = `a second nightly right after planned ${result.noChangeDates} date(s)`;
      notes.nightly_total_s = `status ${result.status}; phases: ${Object.entries(result.phaseSeconds).map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}s`).join(", ")}`;
    });
  } finally {
    await closeDatabase().catch(() => undefined);
    await database.stop();
  }
  figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, quick, measuredAt: new Date().toISOString() };
  mkdirSync("bench", { recursive: true });
  writeFileSync(path.join("bench", quick ? "results-quick.json" : "results.json"), `${JSON.stringify({ ...figures, machine, notes }, null, 2)}\n`);
  console.log(`\nFactorwatch bench (${quick ? "quick: 10× smaller" : "full"}; ${SYMBOLS} symbols, ${PORTFOLIOS} portfolios)`);
  console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
  for (const [name, note] of Object.entries(notes)) console.log(`note ${name}: ${note}`);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

await main();
