import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getAdminOverview } from "./get-admin-overview";
import { getRunDetail } from "./get-run-detail";
import { getRunGrid } from "./get-run-grid";
import { getRunList } from "./get-run-list";
import { computeRunProgress } from "./run-status";

/** What the admin pages say about a fresh install, a history without runs, and runs whose work was skipped. */
useTestDatabase();
const ADMIN: Viewer = { userId: randomUUID(), email: "admin@example.com", name: "Admin", role: "admin" };
const PHASES = ["phase_0_valuations", "phase_1_market_data", "phase_2_fundamentals", "phase_3_factors", "phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"];

async function insertRun(input: { jobType: string; status: string; dates: string[]; done: number; failed: number; total: number; startedAt: Date; work?: boolean }) {
  const id = randomUUID();
  const params = input.work ? { work: input.dates.map((date) => ({ date, phases: PHASES, mode: "recompute" })) } : {};
  await getPool().query(
    `INSERT INTO batch_runs (id, job_type, status, triggered_by, started_at, heartbeat_at, completed_at, duration_ms, calc_dates,
                             total_items, completed_items, failed_items, params)
     VALUES ($1, $2, $3, 'admin', $4, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, input.jobType, input.status, input.startedAt, input.status === "running" ? null : new Date(input.startedAt.getTime() + 60_000),
      input.status === "running" ? null : 60_000, input.dates, input.total, input.done, input.failed, JSON.stringify(params)],
  );
  return id;
}

async function insertPhase(runId: string, date: string, phaseKey: string, status: string, counts: { total: number; done: number; failed?: number; skipped?: number }, startedAt: Date) {
  await getPool().query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, started_at, completed_at, duration_ms, items_total, items_done, items_failed, items_skipped)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [randomUUID(), runId, date, phaseKey, status, startedAt, status === "running" ? null : new Date(startedAt.getTime() + 1000), status === "running" ? null : 1000,
      counts.total, counts.done, counts.failed ?? 0, counts.skipped ?? 0],
  );
}

describe("a fresh install", () => {
  it("raises no nightly alert before any nightly was due, and a critical one once a due nightly is missing", async () => {
    const now = new Date();
    const fresh = await getAdminOverview(ADMIN, now);
    expect(fresh.alerts.filter((alert) => alert.kind === "nightly_late")).toEqual([]);

    // The same database installed a month ago, with no nightly since: now the missed nightly is real.
    await getPool().query(`UPDATE "_prisma_migrations" SET started_at = started_at - interval '30 days'`);
    const month = await getAdminOverview(ADMIN, now);
    const late = month.alerts.filter((alert) => alert.kind === "nightly_late");
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ severity: "critical" });
    expect(late[0].message).toMatch(/^The nightly for \d{4}-\d{2}-\d{2} did not finish by 06:00 ET/);
    await getPool().query(`UPDATE "_prisma_migrations" SET started_at = started_at + interval '30 days'`);
  });
});

describe("statuses of runs whose work was skipped", () => {
  const now = new Date("2026-11-25T15:00:00Z");
  const hour = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it("has no success rate before the first run", async () => {
    const list = await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now });
    expect(list.summary).toEqual({ totalRuns: 0, breakdown: { completed: 0, skipped: 0, failed: 0, partial: 0, running: 0 }, successRatePct: null, avgDurationMs: null });
  });

  it("reprocess everything: kept market data and factors are skipped phases, the recomputed portfolio phases are the work done", async () => {
    // The backfill: Market data and Factors had 33 symbols already current (0 done, 33 skipped).
    const runId = await insertRun({ jobType: "backfill", status: "completed", dates: ["2026-11-24"], done: 9, failed: 0, total: 75, startedAt: hour(3) });
    await insertPhase(runId, "2026-11-24", "phase_1_market_data", "completed", { total: 33, done: 0, skipped: 33 }, hour(3));
    await insertPhase(runId, "2026-11-24", "phase_2_fundamentals", "skipped", { total: 0, done: 0 }, hour(3));
    await insertPhase(runId, "2026-11-24", "phase_3_factors", "completed", { total: 33, done: 0, skipped: 33 }, hour(3));
    for (const phase of ["phase_4_pnl", "phase_5_factor_aggregation", "phase_6_stress"]) await insertPhase(runId, "2026-11-24", phase, "completed", { total: 3, done: 3 }, hour(3));

    const detail = await getRunDetail(ADMIN, runId);
    expect(detail.status).toBe("completed");
    expect(Object.fromEntries(detail.phases.map((phase) => [phase.phaseLabel, phase.status]))).toEqual({
      "Market data": "skipped", Fundamentals: "skipped", Factors: "skipped", "P&L snapshots": "completed", "Factor aggregation": "completed", "Stress tests": "completed",
    });
    // The counts add up: 9 done + 0 failed + 66 skipped = 75.
    expect([detail.completedItems, detail.failedItems, detail.skippedItems, detail.notReachedItems, detail.totalItems]).toEqual([9, 0, 66, 0, 75]);

    const grid = await getRunGrid(ADMIN, { days: 5, now });
    const row = grid.rows.find((r) => r.date === "2026-11-24")!;
    expect(row.cells.map((cell) => cell.status)).toEqual(["missing", "skipped", "skipped", "skipped", "completed", "completed", "completed"]);

    const listed = (await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now })).runs.find((run) => run.id === runId)!;
    expect(listed).toMatchObject({ status: "completed", completedItems: 9, failedItems: 0, skippedItems: 66, notReachedItems: 0, totalItems: 75 });
  });

  it("a run whose every item was skipped is skipped, not a green completed, wherever it is listed", async () => {
    const runId = await insertRun({ jobType: "backfill", status: "completed", dates: ["2026-11-23"], done: 0, failed: 0, total: 66, startedAt: hour(2) });
    await insertPhase(runId, "2026-11-23", "phase_1_market_data", "completed", { total: 33, done: 0, skipped: 33 }, hour(2));
    await insertPhase(runId, "2026-11-23", "phase_3_factors", "completed", { total: 33, done: 0, skipped: 33 }, hour(2));
    // A nightly that planned no dates had nothing to do and did it: completed.
    const noop = await insertRun({ jobType: "nightly", status: "completed", dates: [], done: 0, failed: 0, total: 0, startedAt: hour(1) });

    expect((await getRunDetail(ADMIN, runId)).status).toBe("skipped");
    expect((await getRunDetail(ADMIN, noop)).status).toBe("completed");
    const list = await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now });
    expect(list.runs.find((run) => run.id === runId)?.status).toBe("skipped");
    expect(list.summary.breakdown).toEqual({ completed: 2, skipped: 1, failed: 0, partial: 0, running: 0 });
    expect(list.summary.successRatePct).toBe(100);
    const onlySkipped = await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now, status: "skipped" });
    expect(onlySkipped.runs.map((run) => run.id)).toEqual([runId]);
    const overview = await getAdminOverview(ADMIN, now);
    expect(overview.lastRuns.find((run) => run.jobType === "backfill")?.status).toBe("skipped");
  });

  it("counts live progress in planned steps and moves as chunks finish", async () => {
    const dates = ["2026-11-18", "2026-11-19", "2026-11-20"];
    const runId = await insertRun({ jobType: "backfill", status: "running", dates, done: 0, failed: 0, total: 0, startedAt: hour(0.5), work: true });
    await insertPhase(runId, dates[0], "phase_0_valuations", "completed", { total: 1, done: 1 }, hour(0.5));
    await insertPhase(runId, dates[0], "phase_1_market_data", "running", { total: 40, done: 0 }, hour(0.4));
    const step = (key: string, status: string) => getPool().query(
      `INSERT INTO batch_steps (id, run_id, step_key, status, attempt) VALUES ($1, $2, $3, $4, 1)`, [randomUUID(), runId, key, status]);
    await step(`${dates[0]}/phase_0_valuations`, "completed");
    for (const [chunk, status] of [[0, "completed"], [1, "completed"], [2, "running"], [3, "pending"]] as const) await step(`${dates[0]}/phase_1_market_data/${chunk}`, status);

    const detail = await getRunDetail(ADMIN, runId);
    // 21 planned steps (3 dates × 7 phases), one finished, the next half way through its chunks.
    expect(detail.progress).toEqual({ stepsDone: 1, stepsTotal: 21, pct: Math.floor((1.5 / 21) * 100) });
    expect(detail.notReachedItems).toBe(0);
  });
});

describe("computeRunProgress", () => {
  it("falls back to the recorded phases when a run has no planned work, and is 0 with nothing at all", () => {
    expect(computeRunProgress([], [{ calcDate: "2026-11-20", phaseKey: "phase_4_pnl", status: "skipped" }], [])).toEqual({ stepsDone: 1, stepsTotal: 1, pct: 100 });
    expect(computeRunProgress([], [], [])).toEqual({ stepsDone: 0, stepsTotal: 0, pct: 0 });
  });
});
