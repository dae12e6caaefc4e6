import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The layer rules are only worth something if breaking one fails `npm test`: this writes a probe module into lib/math
// and runs the same dependency-cruiser command as `npm run lint:deps` on it.
const ROOT = path.resolve(import.meta.dirname, "../..");
const probes: string[] = [];

function cruiseProbe(source: string): { status: number | null; output: string; probe: string } {
  const probe = `lib/math/layer-probe-${randomUUID().slice(0, 8)}.ts`;
  probes.push(probe);
  writeFileSync(path.join(ROOT, probe), source);
  const result = spawnSync(
    process.execPath,
    ["node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "--config", ".dependency-cruiser.cjs", "--output-type", "err", probe],
    { cwd: ROOT, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`, probe };
}

afterEach(() => {
  for (const probe of probes.splice(0)) rmSync(path.join(ROOT, probe), { force: true });
});

describe("the layer rules", () => {
  it("fail a lib/math module that imports the database client, naming the rule and the file", () => {
    const { status, output, probe } = cruiseProbe('import "../db/client";\n');
    expect(status).not.toBe(0);
    expect(output).toContain(`error math-pure: ${probe} → lib/db/client.ts`);
  });

  it("pass a lib/math module that imports only lib/math", () => {
    const { status, output } = cruiseProbe('import { computeLogGamma } from "./log-gamma";\n\nexport const probe = computeLogGamma(2);\n');
    expect(output).not.toContain("error");
    expect(status).toBe(0);
  });
});
