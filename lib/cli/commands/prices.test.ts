import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";
import { CliError } from "../cli-error";
import { parseCalcDate, parseSymbols, registerPricesCommands } from "./prices";

const NOW = new Date("2026-03-16T15:00:00Z"); // Monday, 11:00 ET

describe("parseCalcDate", () => {
  it("accepts a past trading day and defaults to the latest completed one", () => {
    expect(parseCalcDate("2026-03-13", NOW)).toBe("2026-03-13");
    expect(parseCalcDate(undefined, NOW)).toBe("2026-03-13");
  });

  it.each([
    ["13/03/2026", '--date must be a date like 2026-03-13, got "13/03/2026".'],
    ["2026-02-30", '--date must be a date like 2026-03-13, got "2026-02-30".'],
    ["2026-03-14", "--date 2026-03-14 is not an NYSE trading day."],
    ["2026-03-17", "--date 2026-03-17 is in the future."],
  ])("rejects %s with exit code 2", (raw, message) => {
    const error = (() => { try { parseCalcDate(raw, NOW); } catch (e) { return e; } })() as CliError;
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });
});

describe("parseSymbols", () => {
  it("normalizes and de-duplicates", () => {
    expect(parseSymbols(" aapl, MSFT,aapl ")).toEqual(["AAPL", "MSFT"]);
    expect(parseSymbols(undefined)).toBeUndefined();
    expect(() => parseSymbols(" , ")).toThrow(CliError);
  });
});

describe("factorwatch prices fetch", () => {
  useTestDatabase();

  it("loads the requested symbols and prints counts", async () => {
    const out: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const program = new Command("factorwatch").exitOverride();
      registerPricesCommands(program);
      await program.parseAsync(["prices", "fetch", "--date", "2026-03-13", "--symbols", "aapl,SPY"], { from: "user" });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(process.exitCode ?? 0).toBe(0);
    expect(out.join("")).toContain("prices 2026-03-13 (full_backfill): 2 fetched, 0 cached, 0 failed; 504 rows written, 0 rejected, 0 refetched");
  });
});
