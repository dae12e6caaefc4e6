import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./bench-args";

describe("parseBenchArgs", () => {
  it("defaults to 5,000 symbols and 10,000 portfolios, every figure, one process", () => {
    const args = parseBenchArgs([]);
    expect(args).toMatchObject({ symbols: 5000, portfolios: 10000, quick: false, workers: 1, profile: false, resultsFile: "results-5000-10000.json" });
    expect([...args.only]).toEqual(["math", "phase1", "phase3", "onboarding", "refresh", "api", "nightly"]);
  });

  it("reads sizes, workers, profile, only and quick", () => {
    expect(parseBenchArgs(["--symbols", "20000", "--portfolios", "100000", "--workers", "2", "--profile", "--only", "phase3,nightly"]))
      .toMatchObject({ symbols: 20000, portfolios: 100000, workers: 2, profile: true, resultsFile: "results-20000-100000-only-phase3+nightly.json", only: new Set(["phase3", "nightly"]) });
    expect(parseBenchArgs(["--quick"])).toMatchObject({ symbols: 500, portfolios: 1000, resultsFile: "results-quick.json" });
  });

  it.each([
    [["--symbols"], "--symbols takes a whole number from 1 to 200,000, got nothing."],
    [["--symbols", "1.5"], '--symbols takes a whole number from 1 to 200,000, got "1.5".'],
    [["--portfolios", "0"], '--portfolios takes a whole number from 1 to 1,000,000, got "0".'],
    [["--workers", "-2"], '--workers takes a whole number from 1 to 16, got "-2".'],
    [["--only", "phase9"], '--only takes figure groups among math, phase1, phase3, onboarding, refresh, api, nightly, got "phase9".'],
    [["--quick", "--symbols", "10"], "--quick sets its own sizes; leave out --symbols and --portfolios."],
  ])("refuses %j with a sentence", (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it("names an unknown option and prints the usage", () => {
    expect(() => parseBenchArgs(["--fast"])).toThrow(/^Unknown option "--fast".\nnpm run bench -- \[--quick\]/);
  });
});
