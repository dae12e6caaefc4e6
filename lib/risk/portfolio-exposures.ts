/**
 * Phase 5 factor aggregation, symbol → portfolio (R16), pure.
 */
import { FACTOR_NAMES } from "./factor-definitions";
import { roundToCents } from "./stress-engine-cents";

export interface ExposurePositionInput {
  symbol: string;
  /** Signed market value in USD from current prices (R17): shorts negative. */
  signedMarketValueUsd: number;
  /** The shared predicate's answer (lib/base/symbols isPublicEquityPosition), computed by the caller. */
  isPublicEquity: boolean;
  /** Private asset (PRIVATE class or private-shaped symbol), computed by the caller. */
  isPrivate: boolean;
}

export interface PortfolioExposuresInput {
  equityUsd: number;
  positions: readonly ExposurePositionInput[];
  /** Betas by symbol, then by factor name (symbol_factor_exposures for the date). */
  symbolBetas: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface PortfolioFactorExposure {
  /** B_f = Σ signed MV_i / E × β_i,f (a leverage-aware beta; weights sum to net leverage, not 1). */
  beta: number;
  /** B_f × E, to the cent. */
  exposureUsd: number;
  /** Share of public |MV| whose symbol has a beta for this factor; null without public MV. */
  coverage: number | null;
}

export interface PortfolioExposures {
  /** Known factor names present in the betas of at least one public position, in display order. */
  exposures: Record<string, PortfolioFactorExposure>;
  /** Σ|MV| of public positions whose symbol has any beta ÷ Σ|MV| of public positions; null without public MV. */
  coverage: number | null;
  /** Σ|MV| of private positions ÷ Σ|MV| of all positions given (gross); 0 when gross is 0. */
  privateAllocation: number;
  counts: { positions: number; publicPositions: number; publicPositionsWithBetas: number; privatePositions: number };
}

/** Typed failure the phase records: E ≤ 0 makes weights MV/E meaningless (R16). */
export class NonPositiveEquityError extends Error {
  readonly reason: string;
  constructor(equityUsd: number) {
    const reason = `Equity is zero or negative: ${equityUsd}`;
    super(reason);
    this.name = "NonPositiveEquityError";
    this.reason = reason;
  }
}

/**
 * Portfolio factor betas and dollar exposures (R16). Over public positions only:
 *   B_f = Σ_i (signed MV_i / E) × β_i,f,   exposure_f = B_f × E,
 * a missing beta contributes 0 (no renormalisation; coverage reports how much MV had one).
 * Private allocation uses the gross |MV| of every position passed in (public, private, options), so it reads as
 * "share of the book's gross value that factor models cannot see because it is private".
 *
 * Complexity: O(n·F) for n positions and F factors.
 * @throws NonPositiveEquityError when E ≤ 0 (or not finite); Error for a non-finite market value or beta.
 */
export function computePortfolioExposures(input: PortfolioExposuresInput): PortfolioExposures {
  const { equityUsd, positions, symbolBetas } = input;
  if (!(Number.isFinite(equityUsd) && equityUsd > 0)) throw new NonPositiveEquityError(equityUsd);
  // Sums per factor in FACTOR_NAMES order (NaN: no public position has a beta for it yet), added position by position.
  const weightedBetas = new Float64Array(FACTOR_NAMES.length).fill(Number.NaN);
  const coveredMv = new Float64Array(FACTOR_NAMES.length);
  let publicMv = 0;
  let publicMvWithBetas = 0;
  let grossMv = 0;
  let privateMv = 0;
  const counts = { positions: positions.length, publicPositions: 0, publicPositionsWithBetas: 0, privatePositions: 0 };
  for (const position of positions) {
    const mv = position.signedMarketValueUsd;
    if (!Number.isFinite(mv)) throw new Error(`Position ${position.symbol} has a non-finite market value: ${mv}`);
    grossMv += Math.abs(mv);
    if (position.isPrivate) {
      privateMv += Math.abs(mv);
      counts.privatePositions += 1;
    }
    if (!position.isPublicEquity) continue;
    counts.publicPositions += 1;
    publicMv += Math.abs(mv);
    const betas = symbolBetas.get(position.symbol);
    const known = betas === undefined ? null : knownBetasOf(betas, position.symbol);
    if (known === null) continue;
    counts.publicPositionsWithBetas += 1;
    publicMvWithBetas += Math.abs(mv);
    for (let f = 0; f < known.length; f++) {
      const beta = known[f];
      if (Number.isNaN(beta)) continue;
      weightedBetas[f] = (Number.isNaN(weightedBetas[f]) ? 0 : weightedBetas[f]) + (mv / equityUsd) * beta;
      coveredMv[f] += Math.abs(mv);
    }
  }
  const exposures: Record<string, PortfolioFactorExposure> = {};
  FACTOR_NAMES.forEach((name, f) => {
    const beta = weightedBetas[f];
    if (Number.isNaN(beta)) return;
    exposures[name] = { beta, exposureUsd: roundToCents(beta * equityUsd), coverage: ratioOrNull(coveredMv[f], publicMv) };
  });
  return {
    exposures,
    coverage: ratioOrNull(publicMvWithBetas, publicMv),
    privateAllocation: grossMv > 0 ? privateMv / grossMv : 0,
    counts,
  };
}

const KNOWN_FACTORS: ReadonlySet<string> = new Set(FACTOR_NAMES);
const FACTOR_INDEX = new Map(FACTOR_NAMES.map((name, f) => [name, f]));

/**
 * A symbol's known factor betas by FACTOR_NAMES index (NaN where it has none), or null when it has no known factor.
 * Cached per betas object: the phase passes the same object for every portfolio holding the symbol.
 */
const knownBetasCache = new WeakMap<object, Float64Array | null>();

function knownBetasOf(betas: Readonly<Record<string, number>>, symbol: string): Float64Array | null {
  let known = knownBetasCache.get(betas);
  if (known !== undefined) return known;
  known = null;
  for (const name in betas) {
    if (!Object.hasOwn(betas, name) || !KNOWN_FACTORS.has(name)) continue;
    const beta = betas[name];
    if (!Number.isFinite(beta)) throw new Error(`Symbol ${symbol} has a non-finite ${name} beta: ${beta}`);
    known ??= new Float64Array(FACTOR_NAMES.length).fill(Number.NaN);
    known[FACTOR_INDEX.get(name)!] = beta;
  }
  knownBetasCache.set(betas, known);
  return known;
}

function ratioOrNull(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
