import { beforeEach, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import type { FetchOptions, MarketDataProvider, Valuation, ValuationResult } from "@/lib/market-data/types";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createPhaseContext } from "../phase-types";
import { runValuationsPhase } from "./00-valuations";
import { FakeProvider } from "../../testing/fake-market-data-provider";

const CALC_DATE = "2026-03-13";
const NOW = new Date("2026-03-13T22:00:00Z");

useTestDatabase();
beforeEach(async () => {
  await getPool().query("TRUNCATE company_profiles");
});

const valuation = (fields: Partial<Valuation>): ValuationResult => ({
  ok: true,
  valuation: { trailingPE: null, forwardPE: null, beta: null, fiftyTwoWeekHigh: null, fiftyTwoWeekLow: null, marketCap: null, dividendYield: null, ...fields },
});

const context = (symbols: string[], env: Record<string, string> = {}) => createPhaseContext(CALC_DATE, { symbols, now: () => NOW, env: env as NodeJS.ProcessEnv });

describe("runValuationsPhase", () => {
  it("is skipped when SKIP_PHASE0_VALUATIONS=true", async () => {
    const provider = new FakeProvider({});
    const summary = await runValuationsPhase(context(["AAA"], { SKIP_PHASE0_VALUATIONS: "true" }), { provider });
    expect(summary).toMatchObject({ status: "skipped", reason: "SKIP_PHASE0_VALUATIONS=true" });
    expect(provider.valuationCalls).toEqual([]);
  });

  it("fetches only stale symbols and counts created vs updated", async () => {
    await getPool().query(
      `INSERT INTO company_profiles (symbol, beta, last_updated) VALUES
        ('FRESH', 1.1, $1), ('OLD', 0.9, $2), ('NOBETA', NULL, $1)`,
      [new Date(NOW.getTime() - 3_600_000), new Date(NOW.getTime() - 25 * 3_600_000)],
    );
    const provider = new FakeProvider({}, {
      OLD: valuation({ beta: 1.0, trailingPE: 15 }), NOBETA: valuation({ beta: 0.5 }), NEW: valuation({ marketCap: 1e9 }),
    });
    const summary = await runValuationsPhase(context(["FRESH", "OLD", "NOBETA", "NEW"]), { provider });
    expect(provider.valuationCalls).toEqual([["NEW", "NOBETA", "OLD"]]);
    expect(summary.status).toBe("completed");
    expect(summary.result).toMatchObject({ created: 1, updated: 2, fresh: 1, synced: 4 });
    expect(summary).toMatchObject({ itemsDone: 3, itemsSkipped: 1, itemsFailed: 0 });
    const again = await runValuationsPhase(context(["FRESH", "OLD", "NOBETA"]), { provider });
    expect(again.result).toMatchObject({ created: 0, updated: 0, fresh: 3, batches: 0 });
  });

  it("never erases a stored value with a missing field (R23)", async () => {
    await getPool().query(
      `INSERT INTO company_profiles (symbol, beta, pe_ratio, market_cap, last_updated) VALUES ('AAA', 1.2345, 20, 5e9, $1)`,
      [new Date(NOW.getTime() - 48 * 3_600_000)],
    );
    const provider = new FakeProvider({}, { AAA: valuation({ beta: null, trailingPE: 25 }) });
    const summary = await runValuationsPhase(context(["AAA"]), { provider });
    expect(summary.result).toMatchObject({ updated: 1, created: 0 });
    const { rows } = await getPool().query("SELECT beta, pe_ratio, market_cap, last_updated FROM company_profiles WHERE symbol = 'AAA'");
    expect(rows[0]).toMatchObject({ beta: 1.2345, pe_ratio: 25, market_cap: 5e9 });
    expect(rows[0].last_updated.toISOString()).toBe(NOW.toISOString());
  });

  it("aborts a batch that exceeds its timeout, records it and continues with the next batch", async () => {
    let aborted = false;
    const provider: MarketDataProvider = {
      name: "simulated",
      fetchDailyBars: async (symbol) => ({ ok: false, symbol, error: { kind: "not_found", message: "", attempts: 0 } }),
      fetchValuations: (symbols: string[], options?: FetchOptions) => {
        if (symbols.includes("HANG")) {
          return new Promise((resolve) => {
            options?.signal?.addEventListener("abort", () => {
              aborted = true;
              resolve(new Map());
            });
          });
        }
        return Promise.resolve(new Map(symbols.map((symbol) => [symbol, valuation({ beta: 1 })])));
      },
    };
    const summary = await runValuationsPhase(context(["HANG", "HANG2", "OK1", "OK2"]), { provider, batchSize: 2, batchTimeoutMs: 50 });
    expect(aborted).toBe(true);
    expect(summary.status).toBe("partial");
    expect(summary).toMatchObject({ itemsDone: 2, itemsFailed: 2 });
    expect(summary.result).toMatchObject({ timedOutBatches: 1, batches: 2, created: 2 });
    expect(summary.errors).toEqual([{ type: "timeout", message: expect.stringContaining("timed out after 50 ms") }]);
  });

  it("records symbols the provider does not know or sends nothing for, without failing the phase", async () => {
    const provider = new FakeProvider({}, { AAA: valuation({ beta: 1 }), EMPTY: valuation({}) });
    const summary = await runValuationsPhase(context(["AAA", "EMPTY", "NOPE"]), { provider });
    expect(summary.status).toBe("partial");
    expect(summary.errors.map((error) => [error.symbol, error.type])).toEqual([["EMPTY", "no_data"], ["NOPE", "not_found"]]);
  });
});
