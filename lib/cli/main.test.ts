import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs the real CLI the way `npm run -s factorwatch --` does. */
function factorwatch(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("factorwatch CLI", () => {
  it("lists every command in --help", () => {
    const { code, stdout } = factorwatch(["--help"]);
    expect(code).toBe(0);
    for (const command of ["start", "db", "batch", "factors"]) expect(stdout).toContain(`  ${command}`);
  });

  it("refuses an unknown command with a sentence and exit code 2", () => {
    const { code, stderr } = factorwatch(["bogus"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'bogus'");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("explains a malformed DATABASE_URL without a stack trace", () => {
    const { code, stderr } = factorwatch(["db", "migrate"], { DATABASE_URL: "mysql://nope" });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('error: DATABASE_URL must start with postgresql:// (got "mysql://").');
  });

  it("explains a DATABASE_URL that is not a URL", () => {
    const { code, stderr } = factorwatch(["batch", "status"], { DATABASE_URL: "not a url" });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL is not a valid URL");
  });

  it("rejects a bad batch date with exit code 2 before touching the database", () => {
    const { code, stderr } = factorwatch(["batch", "backfill", "--from", "2026-02-30", "--to", "2026-03-02"], { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/none" });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('error: from must be a date like 2026-11-27, got "2026-02-30".');
  });

  it("says in one sentence that the database cannot be reached", () => {
    const { code, stderr } = factorwatch(["batch", "status"], { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/none" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n").pop()).toBe("error: Cannot connect to PostgreSQL at 127.0.0.1:1 (ECONNREFUSED); is it running, and is DATABASE_URL right?");
  });
});
