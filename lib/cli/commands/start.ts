import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { closeDatabase } from "../../db/client";
import { seedReferenceData } from "../../db/seed-reference-data";
import { seedDefaultUsers } from "../../auth/accounts";
import { trustedProxyHops } from "../../auth/client-address";
import { isInngestConfigured } from "../../config/inngest-mode";
import { CliError, withCliErrors } from "../cli-error";
import { openDatabase } from "../open-database";
import { nextNightlyAt, scheduleNightly } from "../../batch/nightly-schedule";
import { prepareDemo, runCatchUp } from "../prepare-demo";
import { lowerBatchPriority } from "../../batch/batch-priority";
import { invalidatePortfolioReadModels } from "../../db/read-models";
import { errorMessage } from "../../base/error-message";

const NEXT_BIN = path.resolve(process.cwd(), "node_modules/next/dist/bin/next");
const SERVER = path.resolve(process.cwd(), "server.mjs");

export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("database up, migrate, seed, catch up the nightly batch, then serve the dashboard on PORT")
    .option("--dev", "serve with `next dev` instead of a production build")
    .option("--skip-batch", "serve without running the catch-up batch first")
    .action(withCliErrors(async (options: { dev?: boolean; skipBatch?: boolean }) => {
      const port = parsePort(process.env.PORT ?? "3000");
      const host = process.env.HOST?.trim() || "127.0.0.1";
      // The web server's settings; DATABASE_URL joins them once the database is open.
      const serverSettings = { NODE_ENV: options.dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: host } as const;
      const inngest = checkConfiguration({ ...process.env, ...serverSettings });
      const log = (line: string) => process.stdout.write(`[factorwatch] ${line}\n`);
      const database = await openDatabase(log);
      let server: ChildProcess | null = null;
      let stopping = false;
      const stop = async (code: number) => {
        if (stopping) return;
        stopping = true;
        log("stopping…");
        if (server && server.exitCode === null) server.kill("SIGTERM");
        await closeDatabase().catch(() => undefined);
        await database.stop().catch(() => undefined);
        log("stopped");
        process.exit(code);
      };
      process.once("SIGINT", () => void stop(0));
      process.once("SIGTERM", () => void stop(0));
      try {
        await seedReferenceData(database.url);
        // Stored page answers are recomputed after a start: the seed may have changed the scenarios they show.
        await invalidatePortfolioReadModels("all");
        for (const login of await seedDefaultUsers()) {
          if (login.created) log(`created ${login.role} login: ${login.email} / ${login.password}  (shown once)`);
        }
        await prepareDemo({ log, runBatch: !options.skipBatch });
        if (!options.dev) ensureProductionBuild(log);
        // An IPC channel: the server processes end when this process is gone, however it ended.
        server = spawn(process.execPath, [SERVER, ...(options.dev ? ["--dev"] : [])], { stdio: ["inherit", "inherit", "inherit", "ipc"], env: { ...process.env, ...serverSettings } });
        // From here on this process only runs the nightly: behind the web server's reads, on fresh connections.
        await closeDatabase();
        lowerBatchPriority({ localDatabase: database.embedded });
        log(`dashboard: http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${port}  (health: /health/ready; listening on ${host}, set HOST to change)`);
        if (!inngest) {
          scheduleNightly(() => runCatchUp(log, "cron"));
          log(`nightly: in this process at 21:00 America/New_York on weekdays (next ${nextNightlyAt(new Date()).toISOString()})`);
        }
        server.on("exit", (code) => void stop(code ?? 0));
      } catch (error) {
        await closeDatabase().catch(() => undefined);
        await database.stop().catch(() => undefined);
        throw error;
      }
    }));
}

/**
 * Settings that must not start, refused before the database opens (exit code 2, one sentence): Inngest dev mode in
 * production or half a key pair, a bad TRUSTED_PROXY_HOPS. Returns whether runs go to Inngest.
 */
function checkConfiguration(env: NodeJS.ProcessEnv): boolean {
  try {
    trustedProxyHops(env);
    return isInngestConfigured(env);
  } catch (error) {
    throw new CliError(errorMessage(error), 2);
  }
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`PORT must be a number between 1 and 65535, got "${raw}".`);
  return port;
}

const SOURCE_DIRS = ["app", "components", "lib", "inngest", "public"];
const SOURCE_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "proxy.ts", "instrumentation.ts"];

/** Newest modification time (ms) among the files a production build is made from. */
function newestSourceMtime(root: string): number {
  let newest = 0;
  const visit = (target: string) => {
    const stats = statSync(target, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target)) if (entry !== "generated" && entry !== "node_modules") visit(path.join(target, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const name of [...SOURCE_DIRS, ...SOURCE_FILES]) visit(path.join(root, name));
  return newest;
}

/** `next start` needs a build: make one the first time, and again when the sources changed since (about half a minute). */
function ensureProductionBuild(log: (line: string) => void): void {
  const root = process.cwd();
  const buildId = statSync(path.join(root, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (buildId && buildId.mtimeMs >= newestSourceMtime(root)) return;
  log(buildId ? "sources changed since the last build: rebuilding the dashboard (next build)…" : "building the dashboard once (next build)…");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new CliError("next build failed; see the output above.");
}
