/**
 * Stopping `npm start` with SIGTERM or SIGINT sent to its own process (npm's) stops everything it started: tsx, the
 * CLI, the web server processes, the embedded PostgreSQL; the port stops answering. Runs its own `npm start` on a
 * free port with a throw-away data folder, beside the e2e server.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every live process below `root` (from /proc), with its command line. */
function descendantsOf(root: number): Map<number, string> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, parent] of parentOf) {
      if (frontier.includes(parent) && !found.has(pid)) {
        found.set(pid, commandOf(pid));
        next.push(pid);
      }
    }
    frontier = next;
  }
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** A process is gone when /proc has no entry for it, or only a zombie no one reaped yet. */
function isAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`npm start stops everything it started on ${signal}`, async () => {
    test.setTimeout(300_000);
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), "factorwatch-stop-"));
    const npm = spawn("npm", ["start", "--", "--skip-batch"], {
      cwd: process.cwd(),
      env: { ...process.env, PORT: String(port), FACTORWATCH_DATA_DIR: path.join(dataDir, "pg"), WEB_CONCURRENCY: "2",
        FACTORWATCH_ADMIN_PASSWORD: "admin-stop-password", FACTORWATCH_DEMO_PASSWORD: "demo-stop-password" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout!.on("data", (chunk) => { output += chunk; });
    npm.stderr!.on("data", (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
    let started = new Map<number, string>();
    try {
      await expect.poll(() => answers(port), { timeout: 240_000, intervals: [500] }).toBe(true);
      started = descendantsOf(npm.pid!);
      const commands = [...started.values()];
      expect(commands.some((command) => command.includes("lib/cli/main.ts start")), output).toBe(true);
      expect(commands.filter((command) => command.includes("server.mjs")).length).toBe(3); // the primary and two workers
      expect(commands.some((command) => /\bpostgres\b/.test(command))).toBe(true);

      npm.kill(signal);
      expect(await exited).not.toBeNull();
      await expect.poll(() => [...started.keys()].filter(isAlive).map((pid) => started.get(pid)), { timeout: 30_000 }).toEqual([]);
      expect(await answers(port)).toBe(false);
      expect(output).toContain("[factorwatch] stopped");
    } finally {
      for (const pid of [npm.pid!, ...started.keys()]) {
        try {
          if (isAlive(pid)) process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
