import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchInputError, validateBackfillRequest, validateRerunRequest } from "../batch/run-plans";
import { CliError } from "./cli-error";
import { runFactorsCommand } from "./commands/factors";
import { parseCalcDate, parseSymbols } from "./commands/prices";

/** Issue 8: the CLI's argument checks answer any input with a result or a sentence, never a crash. */
const NOW = new Date("2026-11-28T12:00:00Z");
const dateLike = fc.oneof(
  fc.string(),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom("2026-02-30", "2026-11-27", "2026-11-26", "2027-01-04", "1e9", "", " 2026-11-27 ", "2026-11-27T00:00:00Z"),
);

function expectSentence(error: unknown, type: new (...args: never[]) => Error): void {
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(/^\S.*[.)"]$/s);
}

describe("CLI argument checks", () => {
  it("backfill and rerun requests are valid or refused with a BatchInputError sentence", () => {
    fc.assert(fc.property(dateLike, dateLike, fc.oneof(fc.string(), fc.constantFrom("missing", "failed", "all")), fc.boolean(), (from, to, reprocess, confirm) => {
      try {
        const dates = validateBackfillRequest({ from, to, reprocess, confirmLargeRange: confirm }, NOW);
        expect(dates.length).toBeGreaterThan(0);
        expect([...dates].sort()).toEqual(dates);
      } catch (error) {
        expectSentence(error, BatchInputError);
      }
    }), { numRuns: 500 });
    fc.assert(fc.property(dateLike, fc.oneof(fc.string(), fc.constantFrom("phase_3_factors", "phase_4_pnl", "phase_7")), (date, phase) => {
      try {
        validateRerunRequest({ date, phase }, NOW);
      } catch (error) {
        expectSentence(error, BatchInputError);
      }
    }), { numRuns: 500 });
  });

  it("--date and --symbols parse or exit 2 with a sentence", () => {
    fc.assert(fc.property(fc.option(dateLike, { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (date, symbols) => {
      for (const parse of [() => parseCalcDate(date, NOW), () => parseSymbols(symbols)]) {
        try {
          parse();
        } catch (error) {
          expectSentence(error, CliError);
          expect((error as CliError).exitCode).toBe(2);
        }
      }
    }), { numRuns: 500 });
  });

  it("`factors` with arbitrary arguments exits 0 or 2 with a message, never throws", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.string(), fc.constantFrom("--prices", "--date", "/nonexistent.csv", "2026-11-27", "--help-me")), { maxLength: 5 }), async (argv) => {
      const outcome = await runFactorsCommand(argv);
      expect([0, 2]).toContain(outcome.exitCode);
      if (outcome.exitCode !== 0) expect(outcome.stderr.trim().length).toBeGreaterThan(0);
    }), { numRuns: 200 });
  });
});
