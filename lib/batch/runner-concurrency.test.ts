/**
 * R22: one run per job type across processes (a database lock), different job types run side by side, and a
 * run whose heartbeat stopped is failed ("heartbeat lost") and can be resumed.
 */
import { describe, expect, it } from "vitest";
import { beatHeartbeat, LeaseLostError, RunRefusedError } from "../db/batch-runs";
import { planPhase } from "./phase-steps";
import { finishRunFromPhases } from "./run-finish";
import { executeRun, resumeRun, resumeInterruptedRuns } from "./run-in-process";
import { createRun, HEARTBEAT_STALE_MS } from "./run-lifecycle";
import { getPool } from "../db/client";
import { useTestDatabase } from "../testing/test-database";
import { openPool, seedSyntheticUniverse, spawnCli } from "../testing/batch-proof";
import type { RunParams } from "./run-work";

const database = useTestDatabase();

/** Work that touches no data: the fundamentals phase is recorded as skipped. */
const tinyWork = (date = "2025-11-26"): RunParams => ({ work: [{ date, phases: ["phase_2_fundamentals"] }] });

async function runRow(runId: string) {
  const { rows } = await getPool().query(`SELECT status, failure_reason, completed_at FROM batch_runs WHERE id = $1`, [runId]);
  return rows[0];
}

describe("one run per job type", () => {
  it("two processes asked for the nightly at once: one runs, the other is refused with exit code 2", async () => {
    // Enough work (1,500 symbols with no stored prices) that the first nightly is still running when the second asks.
    const pool = openPool(database.url);
    try {
      await seedSyntheticUniverse(pool, 1_500);
    } finally {
      await pool.end();
    }
    const [a, b] = await Promise.all([spawnCli(["batch", "run"], database.url).done, spawnCli(["batch", "run"], database.url).done]);
    const results = [a, b].sort((x, y) => (x.code ?? 9) - (y.code ?? 9));
    expect(results.map((result) => result.code), `${a.stderr}\n${b.stderr}`).toEqual([0, 2]);
    expect(results[0].stdout).toMatch(/run [0-9a-f-]{36}: completed/);
    expect(results[1].stderr).toMatch(/^error: A nightly run is already running \(run [0-9a-f-]{36}, triggered by cli, started .+\); wait for it to finish\.$/m);
    const { rows } = await getPool().query(`SELECT job_type, status, triggered_by FROM batch_runs WHERE job_type = 'nightly'`);
    expect(rows).toEqual([{ job_type: "nightly", status: "completed", triggered_by: "cli" }]);
  }, 120_000);

  it("in process: a second createRun of the same job type is refused; a backfill and a nightly run side by side", async () => {
    const nightly = await createRun({ jobType: "nightly", triggeredBy: "cron", params: tinyWork() });
    await expect(createRun({ jobType: "nightly", triggeredBy: "admin", params: tinyWork() })).rejects.toThrow(RunRefusedError);
    await expect(createRun({ jobType: "nightly", triggeredBy: "admin", params: tinyWork() })).rejects.toThrow(
      `A nightly run is already running (run ${nightly.runId}, triggered by cron`);
    const backfill = await createRun({ jobType: "backfill", triggeredBy: "admin", params: tinyWork("2025-11-25") });
    const [nightlyOutcome, backfillOutcome] = await Promise.all([executeRun(nightly), executeRun(backfill)]);
    expect([nightlyOutcome.status, backfillOutcome.status]).toEqual(["completed", "completed"]);
    // With the first finished, the job type is free again.
    const next = await createRun({ jobType: "nightly", triggeredBy: "admin", params: tinyWork() });
    expect((await executeRun(next)).status).toBe("completed");
  });

  it("a run whose heartbeat stopped is failed as 'heartbeat lost', frees its job type, and resumes; its old owner can never finish it", async () => {
    const stale = await createRun({ jobType: "rerun", triggeredBy: "cli", params: tinyWork() });
    await getPool().query(`UPDATE batch_runs SET heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [stale.runId, HEARTBEAT_STALE_MS / 1000 + 5]);
    // The next request of the job type fails the dead run first (createRun → failStaleRuns) and is not refused.
    const fresh = await createRun({ jobType: "rerun", triggeredBy: "admin", params: tinyWork() });
    expect(await runRow(stale.runId)).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/^heartbeat lost/) });
    // The old owner comes back: it may neither beat, nor record a phase, nor finish the run.
    expect(await beatHeartbeat(stale)).toBe(false);
    await expect(finishRunFromPhases(stale)).rejects.toThrow(LeaseLostError);
    await expect(planPhase(stale, tinyWork().work[0], "phase_2_fundamentals")).rejects.toThrow(LeaseLostError);
    expect(await executeRun(stale)).toMatchObject({ status: "failed", failureReason: expect.stringContaining("no longer held by this process") });
    expect(await runRow(stale.runId)).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/^heartbeat lost/) });
    // While the new run holds the lock, resuming the dead one is refused; afterwards it resumes and completes.
    await expect(resumeRun(stale.runId)).rejects.toThrow(RunRefusedError);
    // Startup resumption skips a run it may not take over yet instead of failing (the lock holder is live).
    expect(await resumeInterruptedRuns()).toEqual([]);
    expect(await runRow(stale.runId)).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/^heartbeat lost/) });
    expect((await executeRun(fresh)).status).toBe("completed");
    const resumed = await resumeInterruptedRuns();
    expect(resumed.map((outcome) => [outcome.runId, outcome.status])).toEqual([[stale.runId, "completed"]]);
    expect(await runRow(stale.runId)).toMatchObject({ status: "completed", failure_reason: null });
    // The first owner, back again after the resumed run finished, still cannot write its status over it.
    await expect(finishRunFromPhases(stale)).rejects.toThrow(LeaseLostError);
    expect(await runRow(stale.runId)).toMatchObject({ status: "completed" });
  });
});
