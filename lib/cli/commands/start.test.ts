import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm start` with these variables; a refused configuration must stop it before the database or the server starts. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", "start"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "postgresql://nobody:none@127.0.0.1:9/never", ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("factorwatch start refuses configurations that must not run", () => {
  it("INNGEST_DEV=1 with NODE_ENV=production: exit code 2 and one sentence", () => {
    const { code, stdout, stderr } = start({ INNGEST_DEV: "1", NODE_ENV: "production" });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      "error: INNGEST_DEV is set while NODE_ENV=production: dev mode lets anyone call /api/inngest unsigned. Unset INNGEST_DEV (or set it to 0), and set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to use Inngest in production.");
    expect(stdout).not.toContain("database:");
  });

  it("INNGEST_DEV=1 without --dev, since `npm start` serves a production build", () => {
    const { code, stderr } = start({ INNGEST_DEV: "true" });
    expect(code).toBe(2);
    expect(stderr).toContain("INNGEST_DEV is set while NODE_ENV=production");
  });

  it("half an Inngest key pair, and a bad TRUSTED_PROXY_HOPS", () => {
    expect(start({ INNGEST_EVENT_KEY: "event-key" }).stderr.trim()).toBe(
      "error: INNGEST_EVENT_KEY is set but INNGEST_SIGNING_KEY is not: set both to run the batch on Inngest, or neither to run it in this process.");
    const hops = start({ TRUSTED_PROXY_HOPS: "many" });
    expect(hops.code).toBe(2);
    expect(hops.stderr.trim()).toBe('error: TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, got "many".');
  });
});
