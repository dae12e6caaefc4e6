/**
 * The portfolio phases' symbol-level inputs — the closes of a chunk's dates and the provider betas (Phase 4; Phase 5
 * takes the closes of its date) — shared by the chunks of the process, so a chunk reads only the symbols no earlier
 * chunk read. A chunk's portfolios hold most of a large universe, so reading them per chunk made the cost per
 * portfolio grow with the number of symbols.
 *
 * Each chunk first reads the count of committed statements that wrote closes or provider betas (lib/db/symbol-input-writes).
 * A count that differs from the one the shared rows were read under — an onboarding's closes, a restated close, a new
 * provider beta, or any other write to those tables — drops them and the chunk reads afresh, so a chunk always sees
 * what a read of its own would.
 * The close carried into the range (the latest before its first date) is read per chunk, for the few symbols without
 * a close on that date: it can lie on any earlier date, and there are few of them.
 */
import type pg from "pg";
import { loadClosesInRange, loadProviderBetas, withCarriedCloses, type CloseSeries } from "../db/portfolio-pnl-inputs";
import { readSymbolInputWrites } from "../db/symbol-input-writes";

type Db = Pick<pg.PoolClient, "query">;

interface SharedRange {
  fingerprint: string;
  /** Symbols whose closes and provider beta were read (with or without rows). */
  read: Set<string>;
  closes: Map<string, CloseSeries>;
  providerBetas: Map<string, number>;
}

/** Ranges kept: a night's date and a backfill's range at most; a few universes of closes, bounded by symbols, not portfolios. */
const MAX_RANGES = 2;
const ranges = new Map<string, SharedRange>();

export interface SymbolInputs {
  /** Per symbol of the chunk, ascending, starting with the close carried into the range. */
  closes: Map<string, CloseSeries>;
  providerBetas: Map<string, number>;
}

/** Closes over [from, to] (plus the carried close) and provider betas of `symbols`, as one read of them now gives. */
export async function loadSymbolInputs(db: Db, symbols: readonly string[], from: string, to: string): Promise<SymbolInputs> {
  const key = `${from}|${to}`;
  const fingerprint = await readSymbolInputWrites(db);
  let shared = ranges.get(key);
  if (!shared || shared.fingerprint !== fingerprint) {
    shared = { fingerprint, read: new Set(), closes: new Map(), providerBetas: new Map() };
    ranges.delete(key);
    ranges.set(key, shared);
    while (ranges.size > MAX_RANGES) ranges.delete(ranges.keys().next().value as string);
  }
  const unread = symbols.filter((symbol) => !shared.read.has(symbol));
  if (unread.length > 0) {
    // Rows read after the count: a write committed in between shows in the next chunk's count, which then rereads.
    const [closes, betas] = await Promise.all([loadClosesInRange(db, unread, from, to), loadProviderBetas(db, unread)]);
    for (const symbol of unread) {
      const series = closes.get(symbol);
      if (series) shared.closes.set(symbol, series);
      const beta = betas.get(symbol);
      if (beta !== undefined) shared.providerBetas.set(symbol, beta);
      shared.read.add(symbol);
    }
  }
  const closes = new Map<string, CloseSeries>();
  const providerBetas = new Map<string, number>();
  for (const symbol of symbols) {
    const series = shared.closes.get(symbol);
    if (series) closes.set(symbol, series);
    const beta = shared.providerBetas.get(symbol);
    if (beta !== undefined) providerBetas.set(symbol, beta);
  }
  return { closes: await withCarriedCloses(db, closes, symbols, from), providerBetas };
}

/** Forgets the shared rows (tests; a process that wants its next chunk to read everything). */
export function clearSharedSymbolInputs(): void {
  ranges.clear();
}
