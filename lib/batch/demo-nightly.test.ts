/**
 * The nightly over the demo book (lib/db/seed-demo.ts) with a fixed clock: it completes, a second nightly right
 * after is a recorded no-op, private holdings never reach the symbol tables, and every stored stress row's
 * per-factor contributions sum to its direct and correlated P&L to the cent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { DEMO_HISTORY_TRADING_DAYS, seedDemoPortfolios } from "../db/seed-demo";
import { upsertUser } from "../auth/accounts";
import { tradingDaysBetween } from "../base/calendar";
import { useTestDatabase } from "../testing/test-database";
import { expectSaneRows, openPool } from "../testing/batch-proof";
import { auditLedger } from "./ledger-audit";
import { startNightlyInProcess } from "./run-in-process";

const DEMO_EMAIL = "demo@factorwatch.test";
/** The demo is seeded as `start` does it: as of the latest completed trading day, inception 31 trading days earlier. */
const SEEDED_AS_OF = "2025-11-26";
const NOW = new Date("2025-11-26T23:30:00Z"); // Wednesday evening in New York: latest completed trading day 2025-11-26
const PRIVATE_SYMBOLS = ["HOME_EQUITY", "FO_PRIVATE_CREDIT", "EQ5D6A2D8F"];

let inceptionDate: string;

const database = useTestDatabase();
beforeAll(async () => {
  await upsertUser({ email: DEMO_EMAIL, name: "Demo", role: "user", password: "demo-password-1" });
  const seeded = await seedDemoPortfolios(DEMO_EMAIL, SEEDED_AS_OF);
  expect(seeded.created).toBe(2);
  inceptionDate = seeded.inceptionDate;
});

const toCents = (value: number) => Math.round(value * 100);

/** factor_impacts in the compact ({d, c}) or the full ({directPnl, correlatedPnl}) stored shape. */
function contributions(raw: Record<string, Record<string, number>>): { direct: number; correlated: number }[] {
  return Object.values(raw).map((impact) => ({ direct: impact.d ?? impact.directPnl, correlated: impact.c ?? impact.correlatedPnl }));
}

describe("the nightly over the demo data", () => {
  it("catches up the last 30 trading days (R19) and completes", async () => {
    const expectedDates = tradingDaysBetween(inceptionDate, SEEDED_AS_OF).slice(-DEMO_HISTORY_TRADING_DAYS);
    expect(expectedDates).toHaveLength(30);
    const outcome = await startNightlyInProcess({ triggeredBy: "cron", now: NOW });
    expect(outcome.dates).toEqual(expectedDates);
    expect(outcome.status).toBe("completed");
    expect(outcome.phases.filter((phase) => !["completed", "skipped"].includes(phase.status))).toEqual([]);
    const { rows } = await getPool().query(`SELECT status, triggered_by, calc_dates, error_summary FROM batch_runs WHERE id = $1`, [outcome.runId]);
    expect(rows[0]).toEqual({ status: "completed", triggered_by: "cron", calc_dates: expectedDates, error_summary: null });
    expect(expectedDates[0]).toBe(inceptionDate);
    const snapshots = await getPool().query(`SELECT snapshot_date, count(*)::int AS n FROM portfolio_snapshots WHERE is_complete GROUP BY 1 ORDER BY 1`);
    expect(snapshots.rows).toEqual(expectedDates.map((date) => ({ snapshot_date: date, n: 2 })));
    // What `npm start` leaves behind passes the ledger audit.
    expect(await auditLedger()).toMatchObject({ clean: true, violations: [], checked: { portfolios: 2, snapshots: 60 } });
  }, 120_000);

  it("a second nightly right after is a recorded no-op", async () => {
    const outcome = await startNightlyInProcess({ triggeredBy: "cron", now: NOW });
    expect(outcome).toMatchObject({ status: "completed", dates: [], phases: [] });
    const { rows } = await getPool().query(
      `SELECT status, calc_dates, total_items, completed_at IS NOT NULL AS finished FROM batch_runs WHERE id = $1`, [outcome.runId]);
    expect(rows[0]).toEqual({ status: "completed", calc_dates: [], total_items: 0, finished: true });
    expect((await getPool().query(`SELECT count(*)::int AS n FROM batch_runs`)).rows[0].n).toBe(2);
  });

  it("never stores a private symbol in market_data, symbol_universe or symbol_factor_exposures", async () => {
    for (const table of ["market_data", "symbol_universe", "symbol_factor_exposures", "company_profiles"]) {
      const { rows } = await getPool().query(`SELECT DISTINCT symbol FROM ${table} WHERE symbol = ANY($1::text[])`, [PRIVATE_SYMBOLS]);
      expect(rows, table).toEqual([]);
    }
    // The private holdings are still in the book (and valued in the snapshots).
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM positions WHERE symbol = ANY($1::text[])`, [PRIVATE_SYMBOLS]);
    expect(rows[0].n).toBe(3);
  });

  it("stores stress rows whose factor contributions sum to direct and correlated P&L to the cent", async () => {
    const { rows } = await getPool().query<{ direct_pnl: number; correlated_pnl: number; correlation_effect: number; factor_impacts: string }>(
      `SELECT direct_pnl, correlated_pnl, correlation_effect, factor_impacts FROM stress_test_results`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const parts = contributions(JSON.parse(row.factor_impacts));
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.reduce((sum, part) => sum + toCents(part.direct), 0)).toBe(toCents(row.direct_pnl));
      expect(parts.reduce((sum, part) => sum + toCents(part.correlated), 0)).toBe(toCents(row.correlated_pnl));
      expect(toCents(row.correlation_effect)).toBe(toCents(row.correlated_pnl) - toCents(row.direct_pnl));
    }
    const pool = openPool(database.url);
    try {
      await expectSaneRows(pool);
    } finally {
      await pool.end();
    }
  });
});

describe("the demo book's stress, as the portfolio page shows it", () => {
  it("explains every correlated total more than 3× its direct total, and Liquidity Crisis adds up factor by factor", async () => {
    const { getPortfolioDetail } = await import("../queries/get-portfolio-detail");
    const { rows: portfolios } = await getPool().query<{ id: string; user_id: string; name: string }>(`SELECT id, user_id, name FROM portfolios ORDER BY name`);
    expect(portfolios).toHaveLength(2);
    for (const portfolio of portfolios) {
      const detail = await getPortfolioDetail({ userId: portfolio.user_id, email: DEMO_EMAIL, name: "Demo", role: "user" }, portfolio.id);
      expect(detail.stress.length).toBeGreaterThanOrEqual(19);
      for (const row of detail.stress) {
        const d = row.decomposition;
        expect(d.modelVersion).toBe(2);
        if (Math.abs(d.correlatedPnl) > 3 * Math.abs(d.directPnl)) expect(d.driver, `${portfolio.name} ${row.scenarioId}`).not.toBeNull();
        else expect(d.driver).toBeNull();
      }
      const crisis = detail.stress.find((row) => row.scenarioId === "liquidity_crisis")!.decomposition;
      const shocks: Record<string, number> = { Market: -0.2, "Low Volatility": -0.3, Quality: 0.15, Size: -0.1 };
      for (const factor of crisis.factors) {
        if (factor.factor in shocks) expect(factor).toMatchObject({ moveKind: "shocked", move: shocks[factor.factor] });
        else expect(Math.abs(factor.move)).toBeLessThanOrEqual(0.3); // implied moves stay within the scenario's own range
        // Each contribution is exposure × move (within the cent allocation), nothing unexplained.
        if (!crisis.correlatedCapApplied) expect(Math.abs(factor.correlatedPnl - factor.exposureUsd * factor.move)).toBeLessThanOrEqual(0.02);
      }
      expect(crisis.factors.reduce((sum, f) => sum + toCents(f.correlatedPnl), 0)).toBe(toCents(crisis.correlatedPnl));
      expect(crisis.factors.reduce((sum, f) => sum + toCents(f.directPnl), 0)).toBe(toCents(crisis.directPnl));
      const market = crisis.factors.find((f) => f.factor === "Market")!;
      expect(market.correlatedLabel).toBe("Market (via styles)");
      expect(market.correlatedPnl).not.toBe(0);
    }
  });
});
