/**
 * Collects Phase 1 bars and flushes them in chunks while fetching continues: symbols with nothing stored are COPYed
 * straight from the fetched bars (no copy of every field into row arrays), the others merged. Chunks go to `lanes`
 * connections in parallel: PostgreSQL's COPY, not the provider, is the bottleneck of a full load, and two backends
 * use both cores of a small machine.
 */
import type { DailyBar } from "@/lib/market-data/types";
import type { SymbolBars } from "@/lib/db/market-data/copy-binary";
import { appendPriceRow, countPriceRows, createPriceRows, type PriceRows } from "@/lib/db/market-data/price-rows";
import { copyMarketDataBars, writeMarketData, MARKET_DATA_CHUNK_ROWS } from "@/lib/db/market-data/write-market-data";

/** More queued chunks per lane than this and producers wait for the database. */
const MAX_QUEUED_PER_LANE = 2;
export const DEFAULT_WRITE_LANES = 2;

interface Lane {
  chain: Promise<void>;
  queued: number;
}

export class MarketDataRowWriter {
  rowsWritten = 0;
  private inserts: SymbolBars[] = [];
  private insertRows = 0;
  private merges: PriceRows = createPriceRows();
  private readonly lanes: Lane[];
  private failure: unknown = null;

  constructor(private readonly dataSource: string, lanes = DEFAULT_WRITE_LANES, private readonly chunkRows = MARKET_DATA_CHUNK_ROWS) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => ({ chain: Promise.resolve(), queued: 0 }));
  }

  /** Adds one symbol's bars; resolves once the write queue has room again. */
  async add(mode: "insert" | "upsert", symbol: string, bars: readonly DailyBar[]): Promise<void> {
    let full: boolean;
    if (mode === "insert") {
      this.inserts.push({ symbol, bars });
      this.insertRows += bars.length;
      full = this.insertRows >= this.chunkRows;
    } else {
      for (const bar of bars) appendPriceRow(this.merges, symbol, bar);
      full = countPriceRows(this.merges) >= this.chunkRows;
    }
    if (!full) return;
    const lane = this.flush(mode);
    if (lane && lane.queued > MAX_QUEUED_PER_LANE) await lane.chain;
  }

  private flush(mode: "insert" | "upsert"): Lane | null {
    let write: () => Promise<number>;
    if (mode === "insert") {
      const batches = this.inserts;
      if (batches.length === 0) return null;
      this.inserts = [];
      this.insertRows = 0;
      write = () => copyMarketDataBars(batches, this.dataSource);
    } else {
      const rows = this.merges;
      if (countPriceRows(rows) === 0) return null;
      this.merges = createPriceRows();
      write = () => writeMarketData(rows, { dataSource: this.dataSource, mode: "upsert", chunkRows: this.chunkRows });
    }
    const lane = this.lanes.reduce((best, candidate) => (candidate.queued < best.queued ? candidate : best));
    lane.queued += 1;
    lane.chain = lane.chain.then(async () => {
      try {
        if (this.failure !== null) return;
        const written = await write();
        this.rowsWritten += written; // read after the await: lanes finish concurrently
      } catch (error) {
        this.failure ??= error;
      } finally {
        lane.queued -= 1;
      }
    });
    return lane;
  }

  /** Flushes what is left and rethrows the first write failure. */
  async close(): Promise<number> {
    this.flush("insert");
    this.flush("upsert");
    await Promise.all(this.lanes.map((lane) => lane.chain));
    if (this.failure !== null) throw this.failure;
    return this.rowsWritten;
  }
}
