/**
 * R19 backfill: a range across a market holiday processes exactly the NYSE trading days, oldest first, with phase
 * rows for each date in ascending order; `reprocess: missing` skips complete dates; bad input is refused with a
 * sentence (BatchInputError in process, exit code 2 in the CLI).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { PHASE_KEYS } from "./phase-types";
import { useTestDatabase } from "../testing/test-database";
import { BatchInputError, previewBackfill, previewRerun, validateBackfillRequest } from "./run-plans";
import { expectSaneRows, openPool, seedPortfolios, spawnCli } from "../testing/batch-proof";

/** Friday 2025-11-21 → Friday 2025-11-28 spans Thanksgiving (Thursday 2025-11-27, NYSE closed). */
const FROM = "2025-11-21";
const TO = "2025-11-28";
const TRADING_DAYS = ["2025-11-21", "2025-11-24", "2025-11-25", "2025-11-26", "2025-11-28"];
const NOW = new Date("2025-12-01T12:00:00Z");

const database = useTestDatabase();
beforeAll(async () => {
  const pool = openPool(database.url);
  try {
    await seedPortfolios(pool, 3, FROM, 4);
  } finally {
    await pool.end();
  }
});

describe("backfill", () => {
  it("plans exactly the trading days of a range across Thanksgiving", async () => {
    expect(validateBackfillRequest({ from: FROM, to: TO, reprocess: "all" }, NOW)).toEqual(TRADING_DAYS);
    const plan = await previewBackfill({ from: FROM, to: TO, reprocess: "all" }, NOW);
    expect(plan.dates).toEqual(TRADING_DAYS);
    expect(plan.steps.map((step) => step.date)).toEqual(TRADING_DAYS.flatMap((date) => PHASE_KEYS.map(() => date)));
  });

  it("runs the dates oldest first through the CLI; a second `missing` backfill has nothing to do", async () => {
    const first = await spawnCli(["batch", "backfill", "--from", FROM, "--to", TO, "--reprocess", "missing"], database.url).done;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`dates (5): ${TRADING_DAYS.join(" ")}`);
    expect(first.stdout).toMatch(/run [0-9a-f-]{36}: completed/);

    const { rows: runs } = await getPool().query(`SELECT id, job_type, status, triggered_by, calc_dates FROM batch_runs`);
    expect(runs).toEqual([expect.objectContaining({ job_type: "backfill", status: "completed", triggered_by: "cli", calc_dates: TRADING_DAYS })]);
    const { rows: phases } = await getPool().query<{ calc_date: string; phase_key: string; status: string }>(
      `SELECT calc_date, phase_key, status FROM batch_phase_runs WHERE run_id = $1 ORDER BY started_at, phase_key`, [runs[0].id]);
    // One row per (date, phase), dates in ascending order of execution, each date's phases in pipeline order.
    expect(phases.map((row) => `${row.calc_date}/${row.phase_key}`)).toEqual(TRADING_DAYS.flatMap((date) => PHASE_KEYS.map((phase) => `${date}/${phase}`)));
    expect(phases.filter((row) => row.status !== "completed").map((row) => row.phase_key)).toEqual(TRADING_DAYS.map(() => "phase_2_fundamentals"));
    const { rows: snapshots } = await getPool().query(`SELECT snapshot_date, count(*)::int AS n FROM portfolio_snapshots WHERE is_complete GROUP BY 1 ORDER BY 1`);
    expect(snapshots).toEqual(TRADING_DAYS.map((date) => ({ snapshot_date: date, n: 3 })));
    const { rows: holiday } = await getPool().query(`SELECT count(*)::int AS n FROM market_data WHERE date = '2025-11-27'`);
    expect(holiday[0].n).toBe(0);

    const second = await previewBackfill({ from: FROM, to: TO, reprocess: "missing" }, NOW);
    expect(second.dates).toEqual([]);
    expect(second.warnings[0]).toMatch(/No trading day between 2025-11-21 and 2025-11-28 needs work/);
    expect((await previewBackfill({ from: FROM, to: TO, reprocess: "failed" }, NOW)).dates).toEqual([]);
    const pool = openPool(database.url);
    try {
      await expectSaneRows(pool);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it("refuses bad input with a sentence (BatchInputError)", async () => {
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(BatchInputError);
      return (error as Error).message;
    };
    expect(await refused(previewRerun({ date: "2025-11-26", phase: "phase_9_magic" }, NOW))).toMatch(/^Unknown phase "phase_9_magic"; phases are phase_0_valuations, /);
    expect(await refused(previewBackfill({ from: TO, to: FROM, reprocess: "all" }, NOW))).toBe(`from (${TO}) is after to (${FROM}).`);
    expect(await refused(previewBackfill({ from: FROM, to: "2025-12-05", reprocess: "all" }, NOW))).toBe(
      "to 2025-12-05 is in the future; the latest completed trading day is 2025-11-28.");
    expect(await refused(previewBackfill({ from: "2024-01-02", to: "2025-11-26", reprocess: "all" }, NOW))).toMatch(
      /^The range holds \d+ trading days \(more than 366\); confirm the large range to continue\.$/);
    expect((await previewBackfill({ from: "2024-01-02", to: "2025-11-26", reprocess: "all", confirmLargeRange: true }, NOW)).dates.length).toBeGreaterThan(366);
    expect(await refused(previewBackfill({ from: FROM, to: TO, reprocess: "everything" as "all" }, NOW))).toMatch(/^reprocess must be missing, failed or all/);
    expect(await refused(previewBackfill({ from: "2025-11-27", to: "2025-11-27", reprocess: "all" }, NOW))).toMatch(/no NYSE trading day/);
    expect(await refused(previewRerun({ date: "2025-11-27", phase: "phase_3_factors" }, NOW))).toBe("2025-11-27 is not an NYSE trading day.");
  });

  it("the CLI exits 2 with the sentence for bad input", async () => {
    const cases: [string[], RegExp][] = [
      [["batch", "backfill", "--from", TO, "--to", FROM], /^error: from \(2025-11-28\) is after to \(2025-11-21\)\.$/m],
      [["batch", "backfill", "--from", FROM, "--to", "2099-01-02"], /^error: to 2099-01-02 is in the future; the latest completed trading day is \d{4}-\d{2}-\d{2}\.$/m],
      [["batch", "backfill", "--from", "2020-01-02", "--to", "2025-11-26"], /^error: The range holds \d+ trading days \(more than 366\); confirm the large range to continue\.$/m],
      [["batch", "run", "--date", "2025-11-26", "--phase", "phase_9_magic"], /^error: Unknown phase "phase_9_magic"; phases are /m],
    ];
    const results = await Promise.all(cases.map(([args]) => spawnCli(args, database.url).done));
    results.forEach((result, i) => {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(cases[i][1]);
    });
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM batch_runs`);
    expect(rows[0].n).toBe(1); // only the backfill above: refused input never creates a run
  }, 60_000);
});
