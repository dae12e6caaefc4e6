import { getPool } from "../lib/db/client";
import { PHASE_KEYS } from "../lib/batch/phase-types";
import { tradingDaysBack } from "../lib/base/calendar";

const BENCH_ADMIN = { userId: "00000000-0000-4000-8000-000000000000", email: "bench@factorwatch.local", name: "Bench", role: "admin" as const };

/** One year of history (≥ 250 nightly runs, 7 phases each), then the runs-list read model 200 times: p95 in ms. */
export async function benchmarkRunsApi(): Promise<number> {
  const pool = getPool();
  const dates = tradingDaysBack("2026-11-27", 260);
  await pool.query(
    `INSERT INTO batch_runs (id, job_type, status, triggered_by, params, calc_dates, started_at, heartbeat_at, completed_at, duration_ms, total_items, completed_items)
     SELECT gen_random_uuid(), 'nightly', CASE WHEN i % 17 = 0 THEN 'partial' ELSE 'completed' END, 'cron', '{}', ARRAY[d::text],
            d::timestamptz + interval '21 hours', d::timestamptz + interval '21 hours 5 minutes', d::timestamptz + interval '21 hours 5 minutes',
            300000 + i * 10, 5000, 5000
       FROM unnest($1::date[]) WITH ORDINALITY AS t(d, i)`, [dates]);
  await pool.query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, started_at, completed_at, duration_ms, items_total, items_done)
     SELECT gen_random_uuid(), r.id, r.calc_dates[1]::date, p.key, 'completed', r.started_at, r.completed_at, 40000, 5000, 5000
       FROM batch_runs r CROSS JOIN unnest($1::text[]) AS p(key)`, [PHASE_KEYS]);
  const { getRunList } = await import("../lib/queries/get-run-list");
  const timings: number[] = [];
  for (let i = 0; i < 220; i += 1) {
    const started = performance.now();
    await getRunList(BENCH_ADMIN, { days: 400, page: 1, pageSize: 50, now: new Date("2026-11-28T12:00:00Z") });
    if (i >= 20) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return timings[Math.floor(timings.length * 0.95)];
}
