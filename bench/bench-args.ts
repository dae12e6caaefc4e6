/** The command line of `npm run bench`. */

export const FIGURE_GROUPS = ["math", "phase1", "phase3", "onboarding", "refresh", "api", "nightly"] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

export interface BenchArgs {
  symbols: number;
  portfolios: number;
  quick: boolean;
  workers: number;
  profile: boolean;
  only: ReadonlySet<FigureGroup>;
  /** bench/results-<symbols>-<portfolios>.json, or bench/results-quick.json (with -only-<groups> for a partial run). */
  resultsFile: string;
}

export const BENCH_USAGE = `npm run bench -- [--quick] [--symbols N] [--portfolios M] [--workers K] [--profile] [--only ${FIGURE_GROUPS.join(",")}]
  --quick         500 symbols and 1,000 portfolios (10× smaller than the default 5,000 and 10,000); writes bench/results-quick.json
  --symbols N     symbols of the synthetic universe (default 5000)
  --portfolios M  portfolios × 25 positions (default 10000)
  --workers K     also run the nightly's chunks in K processes against the one PostgreSQL and report the speed-up (K ≥ 2)
  --profile       write a V8 CPU profile of each timed phase to bench/profiles/<N>-<M>/<phase>.cpuprofile
  --only LIST     measure only these figure groups (comma-separated)
Writes bench/results-<N>-<M>.json; every ratio compares a figure with a floor measured in the same run. Several groups
run one after another, each in a process and an embedded PostgreSQL of its own.`;

/** A command-line mistake: the bench prints the sentence and exits with status 2. */
export class BenchArgsError extends Error {}

function positiveInteger(flag: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new BenchArgsError(`${flag} takes a whole number from 1 to ${max.toLocaleString("en-US")}, got ${raw === undefined ? "nothing" : `"${raw}"`}.`);
  }
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let symbols: number | null = null;
  let portfolios: number | null = null;
  let quick = false;
  let workers = 1;
  let profile = false;
  let only: Set<FigureGroup> = new Set(FIGURE_GROUPS);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--quick") quick = true;
    else if (flag === "--profile") profile = true;
    else if (flag === "--symbols") symbols = positiveInteger(flag, argv[++i], 200_000);
    else if (flag === "--portfolios") portfolios = positiveInteger(flag, argv[++i], 1_000_000);
    else if (flag === "--workers") workers = positiveInteger(flag, argv[++i], 16);
    else if (flag === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = names.filter((name) => !(FIGURE_GROUPS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        throw new BenchArgsError(`--only takes figure groups among ${FIGURE_GROUPS.join(", ")}, got "${unknown.join(",") || "nothing"}".`);
      }
      only = new Set(names as FigureGroup[]);
    } else throw new BenchArgsError(`Unknown option "${flag}".\n${BENCH_USAGE}`);
  }
  if (quick && (symbols !== null || portfolios !== null)) throw new BenchArgsError("--quick sets its own sizes; leave out --symbols and --portfolios.");
  const sizeSymbols = symbols ?? (quick ? 500 : 5000);
  const sizePortfolios = portfolios ?? (quick ? 1000 : 10000);
  const base = quick ? "results-quick" : `results-${sizeSymbols}-${sizePortfolios}`;
  // A partial run (--only) never overwrites the full figures of the same size.
  const partial = only.size < FIGURE_GROUPS.length ? `-only-${[...only].join("+")}` : "";
  return { symbols: sizeSymbols, portfolios: sizePortfolios, quick, workers, profile, only, resultsFile: `${base}${partial}.json` };
}
