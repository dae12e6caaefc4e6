import "server-only";
import { assertAdmin, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { getSymbolCache } from "@/lib/cache/symbol-cache";
import { latestCompletedTradingDay, tradingDaysBack } from "@/lib/base/calendar";
import {
  checkNightlyDeadline, detectSlowPhases, failedPhaseAlerts, freshnessLevel, lagInTradingDays, nightlyDateDue,
  type AdminAlert, type PhaseDurationSample,
} from "./compute-admin-alerts";
import type { FreshnessItem, AdminOverview } from "@/lib/schemas/admin-dto";
import { shownRunStatus } from "./run-status";

export type { AdminOverview } from "@/lib/schemas/admin-dto";

async function readFreshness(expected: string): Promise<FreshnessItem[]> {
  const { rows } = await getPool().query<{ prices: string | null; factors: string | null; snapshots: string | null }>(`
    SELECT (SELECT max(date) FROM market_data WHERE symbol = 'SPY') AS prices,
           (SELECT max(calculation_date) FROM symbol_factor_exposures) AS factors,
           (SELECT max(snapshot_date) FROM portfolio_snapshots WHERE is_complete) AS snapshots`);
  const row = rows[0];
  const items: [string, string | null][] = [["Prices (SPY)", row.prices], ["Symbol factors", row.factors], ["Portfolio snapshots", row.snapshots]];
  return items.map(([label, latestDate]) => {
    const lag = lagInTradingDays(latestDate, expected);
    return { label, latestDate, lagTradingDays: lag, level: freshnessLevel(lag) };
  });
}

async function readAlerts(now: Date): Promise<AdminAlert[]> {
  const pool = getPool();
  const due = nightlyDateDue(now);
  const recent = tradingDaysBack(latestCompletedTradingDay(now), 10);
  const [installed, nightly, durations, failed] = await Promise.all([
    pool.query<{ at: Date | null }>(`SELECT min(started_at) AS at FROM "_prisma_migrations"`),
    pool.query<{ finished: Date | null }>(
      `SELECT min(completed_at) AS finished FROM batch_runs WHERE job_type = 'nightly' AND status IN ('completed', 'partial') AND $1 = ANY(calc_dates)`, [due]),
    pool.query<{ phase_key: string; calc_date: string; run_id: string; duration_ms: number }>(`
      SELECT phase_key, calc_date, run_id, duration_ms FROM (
        SELECT phase_key, calc_date, run_id, duration_ms, row_number() OVER (PARTITION BY phase_key ORDER BY started_at DESC) AS rn
          FROM batch_phase_runs WHERE status IN ('completed', 'partial') AND duration_ms IS NOT NULL) ranked
       WHERE rn <= 21 ORDER BY phase_key, rn`),
    pool.query<{ phase_key: string; calc_date: string; run_id: string; status: string; reason: string | null }>(`
      SELECT * FROM (SELECT DISTINCT ON (calc_date, phase_key) calc_date, phase_key, run_id, status, result->>'reason' AS reason
                       FROM batch_phase_runs WHERE calc_date >= $1 ORDER BY calc_date, phase_key, started_at DESC NULLS LAST) latest
       WHERE status = 'failed' ORDER BY calc_date DESC, phase_key`, [recent[0]]),
  ]);
  const byPhase = new Map<string, PhaseDurationSample[]>();
  for (const row of durations.rows) {
    byPhase.set(row.phase_key, [...(byPhase.get(row.phase_key) ?? []), { phaseKey: row.phase_key, calcDate: row.calc_date, runId: row.run_id, durationMs: row.duration_ms }]);
  }
  const deadline = checkNightlyDeadline(due, nightly.rows[0]?.finished ?? null, installed.rows[0]?.at ?? null);
  return [
    ...(deadline ? [deadline] : []),
    ...failedPhaseAlerts(failed.rows.map((row) => ({ phaseKey: row.phase_key, calcDate: row.calc_date, runId: row.run_id, reason: row.reason }))),
    ...detectSlowPhases(byPhase),
  ];
}

export async function getAdminOverview(viewer: Viewer, now = new Date()): Promise<AdminOverview> {
  assertAdmin(viewer);
  const pool = getPool();
  const expectedDate = latestCompletedTradingDay(now);
  const [lastRuns, freshness, counts, recent, alerts] = await Promise.all([
    pool.query(`SELECT DISTINCT ON (job_type) id, job_type, status, completed_items, failed_items, calc_dates, started_at, completed_at,
                       duration_ms, triggered_by
                  FROM batch_runs ORDER BY job_type, started_at DESC`),
    readFreshness(expectedDate),
    pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM symbol_onboarding_jobs GROUP BY status`),
    pool.query(`SELECT id, symbol, status, attempts, error, created_at, completed_at FROM symbol_onboarding_jobs
                 ORDER BY (status IN ('pending', 'processing')) DESC, created_at DESC LIMIT 15`),
    readAlerts(now),
  ]);
  return {
    expectedDate,
    lastRuns: lastRuns.rows.map((row) => ({
      id: row.id, jobType: row.job_type, status: shownRunStatus(row.status, row.completed_items, row.failed_items, row.calc_dates ?? []), startedAt: row.started_at.toISOString(),
      completedAt: row.completed_at?.toISOString() ?? null, durationMs: row.duration_ms, triggeredBy: row.triggered_by,
    })),
    freshness,
    cache: getSymbolCache().stats(),
    onboarding: {
      counts: Object.fromEntries(["pending", "processing", "completed", "failed"].map((s) => [s, counts.rows.find((r) => r.status === s)?.n ?? 0])),
      recent: recent.rows.map((row) => ({
        id: row.id, symbol: row.symbol, status: row.status, attempts: row.attempts, error: row.error,
        createdAt: row.created_at.toISOString(), completedAt: row.completed_at?.toISOString() ?? null,
      })),
    },
    alerts,
  };
}
