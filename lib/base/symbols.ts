/**
 * The one symbol-classification rule set (R10, R32, R16). Every step that selects symbols for
 * market data, regressions or exposures asks this module, so all steps agree on what is a public equity.
 */
import { isIsoDate } from "./calendar";

export type SymbolKind = "public" | "private" | "synthetic" | "option" | "expired_option" | "invalid";

export interface SymbolClassification {
  kind: SymbolKind;
  /** Short sentence naming the rule that matched; shown on the admin Symbols page. */
  rule: string;
}

export interface OccOption {
  root: string;
  /** ISO date 'YYYY-MM-DD'. */
  expiry: string;
  type: "C" | "P";
  /** Strike in dollars (the OCC field is strike × 1000). */
  strike: number;
}

export interface PositionLike {
  symbol: string;
  investmentClass: string | null;
  positionType: string;
  deletedAt?: Date | string | null;
  exitDate?: string | null;
}

/** R32: placeholders for assets that have no market ticker. Never sent to a provider. */
export const SYNTHETIC_SYMBOLS: ReadonlySet<string> = new Set([
  "HOME_EQUITY", "TREASURY_BILLS", "CRYPTO_BTC_ETH", "TWO_SIGMA_FUND", "A16Z_VC_FUND", "STARWOOD_REIT",
  "BX_PRIVATE_EQUITY", "RENTAL_SFH", "ART_COLLECTIBLES", "RENTAL_CONDO", "MONEY_MARKET", "EQ5D6A2D8F",
]);

/** R10: listed option position types (long/short call/put); contract multiplier 100. */
export const OPTION_POSITION_TYPES: ReadonlySet<string> = new Set(["LC", "LP", "SC", "SP"]);

const INTERNAL_ID = /^EQ[A-F0-9]{8,}$/i;
const OCC = /^([A-Z]+)(\d{6})([CP])(\d{8})$/;
/** R32 looser shape: the last 15 characters are YYMMDD, C/P, strike×1000 (catches padded or odd roots). */
const OCC_SUFFIX = /\d{6}[CP]\d{8}$/;
const SKIP_PREFIXES = ["FO_", "EQ_"] as const;
/** Storage form of a listed ticker: letters/digits, optionally joined by '.' or '-' (BRK.B, BF.B). */
const TICKER = /^[A-Z0-9]+(?:[.-][A-Z0-9]+)*$/;
/** Provider class-share form: a single trailing letter after the only dash (BRK-B, BF-B), not BTC-USD. */
const PROVIDER_CLASS_SHARE = /^([A-Z0-9]+)-([A-Z])$/;

/** Trim and upper-case. Storage keeps the dotted class-share form (BRK.B). */
export function normalizeSymbol(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Storage → provider (Yahoo) form: '.' → '-' (BRK.B → BRK-B). */
export function toProviderSymbol(symbol: string): string {
  return normalizeSymbol(symbol).replaceAll(".", "-");
}

/** Provider → storage form. Only a single trailing class letter is a class separator (BRK-B → BRK.B). */
export function fromProviderSymbol(symbol: string): string {
  return normalizeSymbol(symbol).replace(PROVIDER_CLASS_SHARE, "$1.$2");
}

/** R32: an underscore, or the internal-id pattern ^EQ[A-F0-9]{8,}$ (case-insensitive). */
export function isPrivateSymbol(symbol: string): boolean {
  // INTERNAL_ID ignores case, so trimming is all of normalizeSymbol it needs (the phases ask this for every position).
  return symbol.includes("_") || INTERNAL_ID.test(symbol.trim());
}

/**
 * The stored investment class (the database's CHECK allows PUBLIC, OPTIONS, PRIVATE or NULL; NULL counts as public).
 * Compared after trimming and upper-casing: rows built in memory (imports, tests) need not be in the stored form.
 */
export function isPublicClass(investmentClass: string | null | undefined): boolean {
  return investmentClass == null || investmentClass === "PUBLIC" || normalizeSymbol(investmentClass) === "PUBLIC";
}

/** The investment class PRIVATE, in the same forms isPublicClass accepts. */
export function isPrivateClass(investmentClass: string | null | undefined): boolean {
  // The stored values answer without normalising: the phases ask this for every position.
  if (investmentClass == null || investmentClass === "PUBLIC" || investmentClass === "OPTIONS") return false;
  return investmentClass === "PRIVATE" || normalizeSymbol(investmentClass) === "PRIVATE";
}

/** A private holding: class PRIVATE, or a private-shaped symbol (R32) whatever its stored class. */
export function isPrivateHolding(symbol: string, investmentClass: string | null | undefined): boolean {
  return isPrivateClass(investmentClass) || isPrivateSymbol(symbol);
}

/** R32: parses an OCC option symbol; null when it is not one or its expiry is not a real date. */
export function parseOccOption(symbol: string): OccOption | null {
  const match = OCC.exec(normalizeSymbol(symbol));
  if (!match) return null;
  const [, root, yymmdd, type, strikeField] = match;
  const expiry = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  if (!isIsoDate(expiry)) return null;
  return { root, expiry, type: type as "C" | "P", strike: Number(strikeField) / 1000 };
}

function assertAsOf(fn: string, asOf: string): void {
  if (!isIsoDate(asOf)) throw new Error(`${fn} requires asOf as an ISO date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
}

/** R32: an OCC option whose expiry is strictly before `asOf` (it still trades on its expiry date). */
export function isExpiredOption(symbol: string, asOf: string): boolean {
  assertAsOf("isExpiredOption", asOf);
  const option = parseOccOption(symbol);
  return option !== null && option.expiry < asOf;
}

/**
 * Classifies a symbol; the first matching rule wins. Order: empty, synthetic list, FO_/EQ_ prefix, underscore,
 * internal id, OCC option, OCC-shaped but unparseable, malformed ticker, else public. Every synthetic symbol is
 * also private-shaped; 'synthetic' just names the more specific rule.
 */
export function classifySymbol(symbol: string, asOf: string): SymbolClassification {
  assertAsOf("classifySymbol", asOf);
  const s = normalizeSymbol(symbol);
  if (s === "") return { kind: "invalid", rule: "empty symbol" };
  if (SYNTHETIC_SYMBOLS.has(s)) return { kind: "synthetic", rule: "synthetic list (non-market placeholder)" };
  if (SKIP_PREFIXES.some((p) => s.startsWith(p))) return { kind: "private", rule: "FO_/EQ_ prefix" };
  if (s.includes("_")) return { kind: "private", rule: "contains an underscore (private asset)" };
  if (INTERNAL_ID.test(s)) return { kind: "private", rule: "internal id pattern ^EQ[A-F0-9]{8,}$" };
  const option = parseOccOption(s);
  if (option) {
    return option.expiry < asOf
      ? { kind: "expired_option", rule: `OCC option expired ${option.expiry}` }
      : { kind: "option", rule: `OCC option expiring ${option.expiry}` };
  }
  if (s.length >= 15 && OCC_SUFFIX.test(s)) {
    return { kind: "invalid", rule: "option-shaped (OCC suffix) but not a valid OCC symbol" };
  }
  if (!TICKER.test(s)) return { kind: "invalid", rule: "not a ticker (allowed: A-Z, 0-9, '.', '-')" };
  return { kind: "public", rule: "no exclusion rule matched (public equity or ETF)" };
}

/**
 * True only for symbols that may reach market data and regressions: public equities and ETFs. Options are never
 * fetched as equity bars — expired ones are dropped (R32) and live ones are out of scope for factors (R32).
 */
export function isMarketDataSymbol(symbol: string, asOf: string): boolean {
  return classifySymbol(symbol, asOf).kind === "public";
}

/**
 * True when a market-data provider may be asked about the symbol at all: it classifies as a public ticker. The date
 * only separates live from expired options, and neither is public, so any date gives the same answer.
 */
export function isListedTickerSyntax(symbol: string): boolean {
  return classifySymbol(symbol, "2000-01-03").kind === "public";
}

/** R10: 100 for listed option positions (LC/LP/SC/SP), else 1. */
export function optionMultiplier(positionType: string): number {
  let multiplier = MULTIPLIER_BY_TYPE.get(positionType);
  if (multiplier === undefined) {
    multiplier = OPTION_POSITION_TYPES.has(normalizeSymbol(positionType)) ? 100 : 1;
    MULTIPLIER_BY_TYPE.set(positionType, multiplier);
  }
  return multiplier;
}

/** optionMultiplier by raw position type: the refresh asks it for every position of every portfolio, of a few types. */
const MULTIPLIER_BY_TYPE = new Map<string, number>();

/**
 * isPublicEquityPosition for one fixed `asOf`, with the symbol's classification remembered: the batch phases ask it
 * for every position of every portfolio, over a universe of a few thousand symbols. The rest of the rule is a few
 * comparisons per call (a memo keyed by the position's four fields cost more than the rule itself). Same answers and throws.
 */
export function createPublicEquityPredicate(asOf: string): (position: PositionLike) => boolean {
  assertAsOf("createPublicEquityPredicate", asOf);
  const publicBySymbol = new Map<string, boolean>();
  const isPublicSymbol = (symbol: string) => {
    let answer = publicBySymbol.get(symbol);
    if (answer === undefined) publicBySymbol.set(symbol, (answer = classifySymbol(symbol, asOf).kind === "public"));
    return answer;
  };
  return (position) => publicEquityPosition(position, asOf, isPublicSymbol);
}

/**
 * R16, THE predicate for exposures and symbol selection: class PUBLIC or NULL, not deleted (any deletedAt
 * excludes), not exited by `asOf` (exitDate null or > asOf), not option-shaped (LC/LP/SC/SP type, OPTIONS class or
 * OCC symbol) and not private-shaped (the symbol must classify as 'public').
 */
export function isPublicEquityPosition(position: PositionLike, asOf: string): boolean {
  assertAsOf("isPublicEquityPosition", asOf);
  return publicEquityPosition(position, asOf, (symbol) => classifySymbol(symbol, asOf).kind === "public");
}

function publicEquityPosition(position: PositionLike, asOf: string, isPublicSymbol: (symbol: string) => boolean): boolean {
  if (!isPublicClass(position.investmentClass)) return false;
  if (position.deletedAt !== undefined && position.deletedAt !== null) return false;
  const exitDate = position.exitDate ?? null;
  if (exitDate !== null) {
    if (!isIsoDate(exitDate)) {
      throw new Error(`isPublicEquityPosition requires exitDate as an ISO date YYYY-MM-DD, got ${JSON.stringify(exitDate)}`);
    }
    if (exitDate <= asOf) return false;
  }
  if (optionMultiplier(position.positionType) !== 1) return false;
  return isPublicSymbol(position.symbol);
}
