import type pg from "pg";
import { getPool } from "../db/client";
import { errorMessage } from "../base/error-message";

/** Factor betas of one symbol on one date, by factor name. */
export type SymbolFactors = Record<string, number>;

interface FactorDateEntry {
  bySymbol: Map<string, SymbolFactors>;
  /** Latest Phase 3 completion seen when this date was loaded; a newer one (any process) makes the entry stale. */
  version: string | null;
}

export interface SymbolCacheStats {
  initialized: boolean;
  initStartedAt: string | null;
  initCompletedAt: string | null;
  initError: string | null;
  factorDates: string[];
  factorEntries: number;
  priceDates: number;
  priceEntries: number;
  hits: number;
  misses: number;
  dbFallbacks: number;
  hitRatePct: number;
}

const COLD_START_GRACE_MS = 30_000;

/**
 * The symbol cache (R34): prices and factors keyed by date, loaded on demand, with a database fallback on every miss,
 * so a long-lived process never serves a stale or partial view. One instance per process.
 */
export class SymbolCache {
  private factors = new Map<string, FactorDateEntry>();
  private prices = new Map<string, Map<string, number>>();
  private hits = 0;
  private misses = 0;
  private dbFallbacks = 0;
  private initStartedAt: Date | null = null;
  private initCompletedAt: Date | null = null;
  private initError: string | null = null;
  private warming: Promise<void> | null = null;

  constructor(private readonly pool: () => pg.Pool = getPool) {}

  /** Starts (once) loading the factors of the latest computed date in the background. */
  ensureWarm(): Promise<void> {
    if (!this.warming) {
      this.initStartedAt = new Date();
      this.warming = this.latestFactorDate()
        .then(async (date) => {
          if (date) await this.loadFactorDate(date);
          this.initCompletedAt = new Date();
        })
        .catch((error: unknown) => {
          this.initError = errorMessage(error);
          this.warming = null;
        });
    }
    return this.warming ?? Promise.resolve();
  }

  isReady(now = Date.now()): boolean {
    if (this.initCompletedAt) return true;
    return this.initStartedAt !== null && now - this.initStartedAt.getTime() >= COLD_START_GRACE_MS;
  }

  /** Betas for these symbols on `date`; symbols without rows map to {} (they contribute 0, R16). */
  async getFactors(symbols: readonly string[], date: string): Promise<Map<string, SymbolFactors>> {
    const version = await this.factorVersion(date);
    let entry = this.factors.get(date);
    if (!entry || entry.version !== version) {
      this.misses += 1;
      entry = await this.loadFactorDate(date, version);
    } else {
      this.hits += 1;
    }
    const result = new Map<string, SymbolFactors>();
    for (const symbol of symbols) result.set(symbol, entry.bySymbol.get(symbol) ?? {});
    return result;
  }

  /**
   * Called after Phase 3 (and onboarding) for the date it computed. With `symbols` (a chunk), only their rows are
   * re-read into a cached date (a date not cached is read whole by its next lookup): a night of chunks then costs one
   * read of the date instead of one per chunk.
   */
  async refreshFactors(date: string, symbols?: readonly string[]): Promise<void> {
    if (!symbols) {
      await this.loadFactorDate(date);
      return;
    }
    const entry = this.factors.get(date);
    if (!entry || symbols.length === 0) return;
    this.dbFallbacks += 1;
    const rows = await this.readFactorRows(date, symbols);
    for (const symbol of symbols) entry.bySymbol.delete(symbol);
    addFactorRows(entry.bySymbol, rows);
  }

  /** Close on exactly `date`, from the cache or (miss) the database. */
  async getClose(symbol: string, date: string): Promise<number | null> {
    const day = this.prices.get(date);
    if (day?.has(symbol)) {
      this.hits += 1;
      return day.get(symbol) ?? null;
    }
    this.misses += 1;
    this.dbFallbacks += 1;
    const result = await this.pool().query<{ close: number }>(
      "SELECT close FROM market_data WHERE symbol = $1 AND date = $2 AND close > 0",
      [symbol, date],
    );
    const close = result.rows[0]?.close ?? null;
    if (close !== null) {
      if (!this.prices.has(date)) this.prices.set(date, new Map());
      this.prices.get(date)!.set(symbol, close);
    }
    return close;
  }

  /** Loads every close of the given dates in one query (Phase 4 reads a date and its previous trading day). */
  async loadPriceDates(dates: readonly string[]): Promise<void> {
    const missing = dates.filter((date) => !this.prices.has(date));
    if (missing.length === 0) return;
    const result = await this.pool().query<{ symbol: string; date: string; close: number }>(
      "SELECT symbol, date, close FROM market_data WHERE date = ANY($1::date[]) AND close > 0",
      [missing],
    );
    for (const date of missing) this.prices.set(date, new Map());
    for (const row of result.rows) this.prices.get(row.date)!.set(row.symbol, row.close);
    this.dbFallbacks += 1;
  }

  invalidatePrices(): void {
    this.prices.clear();
  }

  clear(): void {
    this.factors.clear();
    this.prices.clear();
    this.hits = this.misses = this.dbFallbacks = 0;
    this.initStartedAt = this.initCompletedAt = null;
    this.initError = null;
    this.warming = null;
  }

  stats(): SymbolCacheStats {
    let factorEntries = 0;
    for (const entry of this.factors.values()) factorEntries += entry.bySymbol.size;
    let priceEntries = 0;
    for (const day of this.prices.values()) priceEntries += day.size;
    const lookups = this.hits + this.misses;
    return {
      initialized: this.initCompletedAt !== null,
      initStartedAt: this.initStartedAt?.toISOString() ?? null,
      initCompletedAt: this.initCompletedAt?.toISOString() ?? null,
      initError: this.initError,
      factorDates: [...this.factors.keys()].sort(),
      factorEntries,
      priceDates: this.prices.size,
      priceEntries,
      hits: this.hits,
      misses: this.misses,
      dbFallbacks: this.dbFallbacks,
      hitRatePct: lookups === 0 ? 0 : Math.round((this.hits / lookups) * 10_000) / 100,
    };
  }

  private async latestFactorDate(): Promise<string | null> {
    const result = await this.pool().query<{ date: string | null }>(
      "SELECT max(calculation_date) AS date FROM symbol_factor_exposures",
    );
    return result.rows[0]?.date ?? null;
  }

  private async factorVersion(date: string): Promise<string | null> {
    // Microseconds since the epoch as text: a JS Date would drop the microseconds and miss a completion in the same ms.
    const result = await this.pool().query<{ version: string | null }>(
      `SELECT (extract(epoch FROM max(completed_at)) * 1000000)::bigint::text AS version FROM batch_phase_runs
        WHERE calc_date = $1 AND phase_key = 'phase_3_factors' AND completed_at IS NOT NULL`,
      [date],
    );
    return result.rows[0]?.version ?? null;
  }

  private async readFactorRows(date: string, symbols?: readonly string[]): Promise<FactorRow[]> {
    const result = await this.pool().query<FactorRow>(
      `SELECT e.symbol, f.name, e.beta_value AS beta
         FROM symbol_factor_exposures e JOIN factor_definitions f ON f.id = e.factor_id
        WHERE e.calculation_date = $1 AND ($2::text[] IS NULL OR e.symbol = ANY($2::text[]))`,
      [date, symbols ?? null],
    );
    return result.rows;
  }

  private async loadFactorDate(date: string, knownVersion?: string | null): Promise<FactorDateEntry> {
    const version = knownVersion === undefined ? await this.factorVersion(date) : knownVersion;
    this.dbFallbacks += 1;
    const bySymbol = new Map<string, SymbolFactors>();
    addFactorRows(bySymbol, await this.readFactorRows(date));
    const entry = { bySymbol, version };
    this.factors.set(date, entry);
    return entry;
  }
}

interface FactorRow {
  symbol: string;
  name: string;
  beta: number;
}

function addFactorRows(bySymbol: Map<string, SymbolFactors>, rows: readonly FactorRow[]): void {
  for (const row of rows) {
    let factors = bySymbol.get(row.symbol);
    if (!factors) bySymbol.set(row.symbol, (factors = {}));
    factors[row.name] = row.beta;
  }
}

const globalForCache = globalThis as unknown as { factorwatchSymbolCache?: SymbolCache };

export function getSymbolCache(): SymbolCache {
  globalForCache.factorwatchSymbolCache ??= new SymbolCache();
  return globalForCache.factorwatchSymbolCache;
}
