// The end-to-end test of `factorwatch factors` lives here because vitest.config.ts does not include cli/**.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerFactorsCommand, runFactorsCommand } from "./factors";
import { buildPlantedPanel } from "@/lib/testing/planted-factor-panel";
import { PRICE_CSV_HEADER } from "@/lib/risk/factors-from-csv";

const folder = mkdtempSync(path.join(tmpdir(), "factors-cli-"));
const { panel } = buildPlantedPanel(200, { AAA: { loadings: { SPY: 0.9, TLT: 0.2 }, noise: 0.004 } });
const lines = [PRICE_CSV_HEADER];
for (const [symbol, prices] of panel.prices) panel.dates.forEach((date, t) => lines.push(`${symbol},${date},${prices[t]},`));
const goodCsv = path.join(folder, "prices.csv");
writeFileSync(goodCsv, lines.join("\n"));
const calcDate = panel.dates[199];

describe("factorwatch factors", () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it("prints one JSON document and exits 0", async () => {
    const outcome = await runFactorsCommand(["--prices", goodCsv, "--date", calcDate]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stderr).toBe("");
    const document = JSON.parse(outcome.stdout);
    expect(document.calcDate).toBe(calcDate);
    expect(Object.keys(document.symbols)).toEqual(["AAA"]);
    expect(document.symbols.AAA["Market Beta (90D)"]).toEqual({
      beta: expect.any(Number), rSquared: expect.any(Number), n: 90, capped: false,
      standardError: expect.any(Number), tStat: expect.any(Number), pValue: expect.any(Number),
    });
    expect(document.symbols.AAA.Momentum).not.toHaveProperty("tStat");
    expect(document.failures).toEqual({});
  });

  it("reports malformed lines with their numbers on stderr and exits 2", async () => {
    const bad = path.join(folder, "bad.csv");
    writeFileSync(bad, `${PRICE_CSV_HEADER}\nAAA,2025-01-02,1,1\nAAA,2025-01-03,x,\nAAA,01/04/2025,1,1\n`);
    const outcome = await runFactorsCommand(["--prices", bad, "--date", "2025-01-03"]);
    expect(outcome).toEqual({
      stdout: "",
      stderr: `${bad}:3: close must be a positive number, got "x"\n${bad}:4: date must be a real date written YYYY-MM-DD, got "01/04/2025"\n`,
      exitCode: 2,
    });
  });

  it("rejects a missing file, a bad --date and missing options with exit code 2", async () => {
    const missing = await runFactorsCommand(["--prices", path.join(folder, "none.csv"), "--date", "2025-01-03"]);
    expect(missing).toEqual({ stdout: "", stderr: `Cannot read the prices file "${path.join(folder, "none.csv")}".\n`, exitCode: 2 });
    const badDate = await runFactorsCommand(["--prices", goodCsv, "--date", "2025-13-01"]);
    expect(badDate).toEqual({ stdout: "", stderr: '--date must be a real date written YYYY-MM-DD, got "2025-13-01".\n', exitCode: 2 });
    const noDate = await runFactorsCommand(["--prices", goodCsv]);
    expect(noDate.exitCode).toBe(2);
    expect(noDate.stderr).toContain("--date");
  });

  it("registers on a program and writes to the process streams", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const program = new Command("factorwatch");
    registerFactorsCommand(program);
    await program.parseAsync(["factors", "--prices", goodCsv, "--date", "2025-13-01"], { from: "user" });
    expect(process.exitCode).toBe(2);
    out.mockClear();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await program.parseAsync(["factors", "--prices", goodCsv, "--date", calcDate], { from: "user" });
    expect(JSON.parse(String(out.mock.calls[0][0])).calcDate).toBe(calcDate);
  });
});
