// Playwright's web server: a fresh embedded database for every e2e run, known logins, then `factorwatch start`.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const dataDir = ".data/e2e-pg";
rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "lib/cli/main.ts", "start"], {
  stdio: "inherit",
  env: {
    ...process.env,
    FACTORWATCH_DATA_DIR: dataDir,
    FACTORWATCH_ADMIN_PASSWORD: "admin-e2e-password",
    FACTORWATCH_DEMO_PASSWORD: "demo-e2e-password",
    PORT: process.env.E2E_PORT ?? "3210",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
