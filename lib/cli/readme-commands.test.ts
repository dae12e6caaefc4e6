import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Issue 8: the README's two commands are the ones a fresh machine and CI really use. */
describe("the README's two commands", () => {
  const readme = readFileSync("README.md", "utf8");
  const firstBlock = readme.match(/```bash\n([\s\S]*?)```/)?.[1] ?? "";
  const commands = firstBlock.split("\n").map((line) => line.replace(/#.*/, "").trim()).filter(Boolean);
  const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
  const ciRun = readFileSync(".ci/run", "utf8");

  it("come first, and are `npm install && npm start` then `npm test`", () => {
    expect(readme.indexOf("```bash")).toBeLessThan(readme.indexOf("## "));
    expect(commands).toEqual(["npm install && npm start", "npm test"]);
  });

  it("npm start runs `factorwatch start`", () => {
    expect(scripts.start).toMatch(/lib\/cli\/main\.ts start$/);
  });

  it("CI installs with npm ci and ends by running the README's test command", () => {
    const lines = ciRun.split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
    expect(lines.some((line) => line.startsWith("npm ci"))).toBe(true);
    expect(lines.at(-1)).toBe(commands[1]);
    expect(scripts.test).toBe("node .ci/test.mjs");
  });

  it("npm install generates the Prisma client, as CI does", () => {
    expect(scripts.postinstall).toBe("node prisma/generate-client.mjs");
    expect(ciRun).toContain("node prisma/generate-client.mjs");
  });

  it("shows one example of each ledger command", () => {
    for (const command of ["db seed --demo", "batch status --json", "batch clear --date", "portfolio import --owner", "portfolio show", "audit --from"]) {
      expect(readme, command).toMatch(new RegExp(`\`npm run -s factorwatch -- ${command.replace(/[-]/g, "\\-")}[^\`]*\``));
    }
  });
});
