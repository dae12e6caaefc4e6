/**
 * Accumulates Phase 1 rows into column arrays and flushes them in chunks while fetching continues (COPY for symbols
 * with nothing stored, merge otherwise). Chunks go to `lanes` connections in parallel: PostgreSQL's COPY, not the
 * provider, is the bottleneck of a full load, and two backends use both cores of a small machine.
 */
import type { DailyBar } from "@/lib/market-data/types";
import { appendPriceRow, countPriceRows, createPriceRows, type PriceRows } from "@/lib/db/market-data/price-rows";
import { writeMarketData, MARKET_DATA_CHUNK_ROWS } from "@/lib/db/market-data/write-market-data";

/** More queued chunks per lane than this and producers wait for the database. */
const MAX_QUEUED_PER_LANE = 2;
export const DEFAULT_WRITE_LANES = 2;

interface Lane {
  chain: Promise<void>;
  queued: number;
}

export class MarketDataRowWriter {
  rowsWritten = 0;
  private buffers: Record<"insert" | "upsert", PriceRows> = { insert: createPriceRows(), upsert: createPriceRows() };
  private readonly lanes: Lane[];
  private failure: unknown = null;

  constructor(private readonly dataSource: string, lanes = DEFAULT_WRITE_LANES, private readonly chunkRows = MARKET_DATA_CHUNK_ROWS) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => ({ chain: Promise.resolve(), queued: 0 }));
  }

  /** Adds one symbol's bars; resolves once the write queue has room again. */
  async add(mode: "insert" | "upsert", symbol: string, bars: readonly DailyBar[]): Promise<void> {
    const buffer = this.buffers[mode];
    for (const bar of bars) appendPriceRow(buffer, symbol, bar);
    if (countPriceRows(buffer) < this.chunkRows) return;
    const lane = this.flush(mode);
    if (lane && lane.queued > MAX_QUEUED_PER_LANE) await lane.chain;
  }

  private flush(mode: "insert" | "upsert"): Lane | null {
    const rows = this.buffers[mode];
    if (countPriceRows(rows) === 0) return null;
    this.buffers[mode] = createPriceRows();
    const lane = this.lanes.reduce((best, candidate) => (candidate.queued < best.queued ? candidate : best));
    lane.queued += 1;
    lane.chain = lane.chain.then(async () => {
      try {
        if (this.failure !== null) return;
        const written = await writeMarketData(rows, { dataSource: this.dataSource, mode, chunkRows: this.chunkRows });
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
