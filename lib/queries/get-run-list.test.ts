import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, type Viewer } from "@/lib/auth/viewer";
import { getPool } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getRunDetail } from "./get-run-detail";
import { getRunList } from "./get-run-list";
import { formatRunLogs } from "./get-run-logs";

const now = new Date("2026-11-25T12:00:00Z");
const ADMIN: Viewer = { userId: randomUUID(), email: "admin@example.com", name: "Admin", role: "admin" };
const detailId = randomUUID();

async function insertRun(status: string, hoursAgo: number, durationMs: number | null, id = randomUUID(), jobType = "nightly") {
  const started = new Date(now.getTime() - hoursAgo * 3_600_000);
  await getPool().query(
    `INSERT INTO batch_runs (id, job_type, status, triggered_by, started_at, heartbeat_at, completed_at, duration_ms, calc_dates, error_summary,
                             total_items, completed_items)
     VALUES ($1, $2, $3, 'cron', $4, $4, $5, $6, $7, $8, 20, 18)`,
    [id, jobType, status, started, durationMs === null ? null : new Date(started.getTime() + durationMs), durationMs, ["2026-11-24"],
      status === "failed" ? { count: 2, types: ["timeout"], details: [] } : null],
  );
  return id;
}

useTestDatabase();
beforeAll(async () => {
  await insertRun("completed", 1, 60_000, detailId);
  await insertRun("completed", 30, 120_000);
  await insertRun("failed", 50, 10_000);
  await insertRun("partial", 70, 30_000, undefined, "backfill");
  await insertRun("completed", 24 * 40, 1_000); // outside 30 days
  for (let i = 0; i < 260; i += 1) await insertRun("completed", 24 * 100 + i, 5_000); // history for paging (outside 30 days)
  await getPool().query(
    `INSERT INTO batch_phase_runs (id, run_id, calc_date, phase_key, status, started_at, completed_at, duration_ms, items_total, items_done, items_failed, errors, logs)
     VALUES ($1, $2, '2026-11-24', 'phase_3_factors', 'partial', $3, $4, 40000, 10, 8, 2, $5, $6),
            ($7, $2, '2026-11-24', 'phase_1_market_data', 'completed', $8, $3, 20000, 10, 10, 0, NULL, $9)`,
    [randomUUID(), detailId, new Date(now.getTime() - 3_600_000 + 20_000), new Date(now.getTime() - 3_600_000 + 60_000),
      JSON.stringify({ count: 3, types: ["insufficient_data", "zero_variance"], details: [
        { type: "insufficient_data", message: "12 returns < 30", symbol: "NEWCO" },
        { type: "zero_variance", message: "halted", symbol: "HALT" },
        { type: "insufficient_data", message: "5 returns < 30", symbol: "IPO" }] }),
      JSON.stringify([{ at: "2026-11-25T11:00:30.000Z", level: "warn", message: "2 symbols failed" }]),
      randomUUID(), new Date(now.getTime() - 3_600_000),
      JSON.stringify([{ at: "2026-11-25T11:00:05.000Z", level: "info", message: "fetched 10 symbols" }])],
  );
});

describe("getRunList", () => {
  it("summarises the filtered period: counts, success rate (1 dp), mean duration of completed runs", async () => {
    const list = await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now });
    expect(list.runs.map((run) => run.status)).toEqual(["completed", "completed", "failed", "partial"]);
    expect(list.summary).toEqual({ totalRuns: 4, breakdown: { completed: 2, skipped: 0, failed: 1, partial: 1, running: 0 }, successRatePct: 50, avgDurationMs: 90_000 });
    expect(list.runs[2].errorCount).toBe(2);
  });
  it("filters by status and job type", async () => {
    expect((await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now, status: "failed" })).summary.totalRuns).toBe(1);
    expect((await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now, jobType: "backfill" })).runs[0].status).toBe("partial");
  });
  it("pages through 250+ runs and reports the total past the last page", async () => {
    const page2 = await getRunList(ADMIN, { days: 365, page: 2, pageSize: 100, now });
    expect(page2.summary.totalRuns).toBe(265);
    expect(page2.runs).toHaveLength(100);
    const beyond = await getRunList(ADMIN, { days: 365, page: 9, pageSize: 100, now });
    expect(beyond.runs).toHaveLength(0);
    expect(beyond.summary.totalRuns).toBe(265);
  });
  it("has no success rate with no runs (the page says no runs yet), not 100%", async () => {
    const empty = await getRunList(ADMIN, { days: 30, page: 1, pageSize: 50, now, jobType: "none" });
    expect(empty.summary.successRatePct).toBeNull();
    expect(empty.summary.totalRuns).toBe(0);
  });
  it("answers fast (one indexed query)", async () => {
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) await getRunList(ADMIN, { days: 365, page: 1, pageSize: 50, now });
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});

describe("getRunDetail + logs", () => {
  it("orders phases by date then pipeline order, groups errors by type and merges logs", async () => {
    const run = await getRunDetail(ADMIN, detailId);
    expect(run?.phases.map((phase) => phase.phaseKey)).toEqual(["phase_1_market_data", "phase_3_factors"]);
    const factors = run!.phases[1];
    expect(factors.errorGroups.map((group) => [group.type, group.count])).toEqual([["insufficient_data", 2], ["zero_variance", 1]]);
    expect(run!.logs.map((entry) => entry.message)).toEqual(["fetched 10 symbols", "2 symbols failed"]);
    expect(run!.progress).toEqual({ stepsDone: 2, stepsTotal: 2, pct: 100 });
    expect(run!.phases.map((phase) => phase.phaseLabel)).toEqual(["Market data", "Factors"]);
  });
  it("refuses an unknown run with a typed not-found", async () => {
    await expect(getRunDetail(ADMIN, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
  it("formats TXT with a header and one line per entry, and JSON with the activity log", async () => {
    const run = (await getRunDetail(ADMIN, detailId))!;
    const txt = formatRunLogs(run, "txt");
    expect(txt.filename).toBe(`${detailId}_log.txt`);
    expect(txt.body).toContain("Status: completed");
    expect(txt.body).toContain("2026-11-25T11:00:30.000Z [WARN] phase_3_factors 2026-11-24: 2 symbols failed");
    const json = JSON.parse(formatRunLogs(run, "json").body);
    expect(json.logEntryCount).toBe(2);
    expect(json.activityLog[0].message).toBe("fetched 10 symbols");
  });
});
