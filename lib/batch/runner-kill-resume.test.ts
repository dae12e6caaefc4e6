/**
 * Issue 6 "Done when": a run SIGKILLed mid-Phase 3 and again mid-Phase 4 resumes from its last completed step and
 * ends with exactly the rows of a clean run of the same work. The real CLI runs in child processes; the rows are
 * compared with a clean run on a second database seeded identically.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import {
  expectSaneRows, fingerprint, listRunSteps, openPool, seedPortfolios, seedSyntheticUniverse, spawnCli, waitFor, type CliProcess,
} from "../testing/batch-proof";

/** A fixed past trading day (the simulated market has bars for it). */
const D = "2025-11-26";
/** 1,600 synthetic + position symbols + 17 ETFs → 4 Phase-3 chunks of 500; 2,500 portfolios → 3 Phase-4 chunks of 1,000. */
const SYMBOLS = 1_600;
const PORTFOLIOS = 2_500;

let killDb: TestDatabase;
let cleanDb: TestDatabase;
let killPool: pg.Pool;
let cleanPool: pg.Pool;

async function seed(pool: pg.Pool): Promise<void> {
  await seedSyntheticUniverse(pool, SYMBOLS);
  await seedPortfolios(pool, PORTFOLIOS, D);
}

beforeAll(async () => {
  killDb = await createTestDatabase();
  cleanDb = await createTestDatabase();
  killPool = openPool(killDb.url);
  cleanPool = openPool(cleanDb.url);
  await Promise.all([seed(killPool), seed(cleanPool)]);
});

afterAll(async () => {
  await killPool?.end();
  await cleanPool?.end();
  await killDb?.drop();
  await cleanDb?.drop();
});

const stepKey = (phase: string, chunk: number) => `${D}/${phase}/${chunk}`;

/** Waits until chunk 0 of the phase completed while a later chunk runs (and `last` has not completed), then SIGKILLs the process. */
async function killMidPhase(run: CliProcess, runId: string, phase: string, last: number): Promise<Map<string, number>> {
  await waitFor(`${phase} to be mid-flight`, async () => {
    const steps = await listRunSteps(killPool, runId);
    const status = (chunk: number) => steps.find((step) => step.key === stepKey(phase, chunk))?.status;
    if (status(last) === "completed") throw new Error(`${phase} finished before the kill could land; the test needs more work per chunk`);
    // Inside a chunk: the first one is done and a later one is running (not between two chunks).
    return status(0) === "completed" && steps.some((step) => step.key.startsWith(`${D}/${phase}/`) && step.status === "running");
  }, 120_000, 5);
  run.kill("SIGKILL");
  const result = await run.done;
  expect(result.signal).toBe("SIGKILL");
  const steps = await listRunSteps(killPool, runId);
  return new Map(steps.filter((step) => step.status === "completed").map((step) => [step.key, step.attempt]));
}

describe("a run killed with SIGKILL resumes to exactly the rows of a clean run", () => {
  it("kills mid-Phase 3 and mid-Phase 4, resumes twice with `batch resume`, and matches the clean run", async () => {
    const clean = await spawnCli(["batch", "run", "--date", D], cleanDb.url).done;
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/run [0-9a-f-]{36}: completed/);

    const first = spawnCli(["batch", "run", "--date", D], killDb.url);
    const runId = await waitFor("the run row", async () =>
      (await killPool.query<{ id: string }>(`SELECT id FROM batch_runs WHERE status = 'running'`)).rows[0]?.id);
    const phase3Plan = await waitFor("the Phase 3 plan", async () => {
      const keys = (await listRunSteps(killPool, runId)).filter((step) => step.key.includes("phase_3_factors")).map((step) => step.key);
      return keys.length > 0 ? keys : null;
    }, 120_000);
    expect(phase3Plan).toHaveLength(4);
    const doneBeforeFirstKill = await killMidPhase(first, runId, "phase_3_factors", 3);

    // The dead process left its run `running` with a heartbeat that will go stale: resume works right away.
    const orphan = (await killPool.query(`SELECT status FROM batch_runs WHERE id = $1`, [runId])).rows[0];
    expect(orphan.status).toBe("running");

    // Another session holds the last portfolio's row, so Phase 4's last chunk waits inside its transaction and the
    // kill lands mid-phase however fast the other chunks go (they raced the poll on a loaded machine).
    const holder = new pg.Client({ connectionString: killDb.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM portfolios ORDER BY id DESC LIMIT 1 FOR UPDATE`);
    const second = spawnCli(["batch", "resume", runId, "--force"], killDb.url);
    let doneBeforeSecondKill: Map<string, number>;
    try {
      const phase4Plan = await waitFor("the Phase 4 plan", async () => {
        const keys = (await listRunSteps(killPool, runId)).filter((step) => step.key.includes("phase_4_pnl")).map((step) => step.key);
        return keys.length > 0 ? keys : null;
      }, 120_000, 10);
      expect(phase4Plan).toHaveLength(3);
      doneBeforeSecondKill = await killMidPhase(second, runId, "phase_4_pnl", 2);
    } finally {
      second.kill("SIGKILL");
      await holder.end(); // the killed process's waiting statement then fails on its closed socket and rolls back
    }

    const third = await spawnCli(["batch", "resume", runId, "--force"], killDb.url).done;
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(`run ${runId}: completed`);

    const run = (await killPool.query(`SELECT status, failure_reason, error_summary FROM batch_runs WHERE id = $1`, [runId])).rows[0];
    expect(run).toEqual({ status: "completed", failure_reason: null, error_summary: null });
    const steps = await listRunSteps(killPool, runId);
    expect(steps.every((step) => step.status === "completed")).toBe(true);
    // No step completed before a kill ran again; only the chunks cut off by the kills ran a second time.
    const attempts = new Map(steps.map((step) => [step.key, step.attempt]));
    expect(doneBeforeFirstKill.has(stepKey("phase_3_factors", 0))).toBe(true);
    expect([...doneBeforeFirstKill.values()].every((attempt) => attempt === 1)).toBe(true);
    for (const [key, attempt] of doneBeforeSecondKill) expect(attempts.get(key), key).toBe(attempt);
    const rerun = steps.filter((step) => step.attempt > 1).map((step) => step.key);
    expect(rerun.some((key) => key.includes("phase_3_factors"))).toBe(true);
    expect(rerun.some((key) => key.includes("phase_4_pnl"))).toBe(true);
    expect(rerun.every((key) => !doneBeforeFirstKill.has(key))).toBe(true);
    expect(steps.every((step) => step.attempt <= 2)).toBe(true);
    const phases = (await killPool.query(`SELECT phase_key, status FROM batch_phase_runs WHERE run_id = $1 ORDER BY phase_key`, [runId])).rows;
    expect(phases.map((row) => row.status)).toEqual(["completed", "completed", "skipped", "completed", "completed", "completed", "completed"]);

    const [killed, reference] = await Promise.all([fingerprint(killPool), fingerprint(cleanPool)]);
    expect(reference.symbol_factor_exposures.length).toBeGreaterThan(0);
    expect(reference.portfolio_snapshots).toEqual([expect.objectContaining({ d: D, n: PORTFOLIOS, complete: PORTFOLIOS })]);
    expect(reference.stress_test_results.length).toBe(1);
    expect(killed).toEqual(reference);
    await expectSaneRows(killPool);
    await expectSaneRows(cleanPool);
  }, 240_000);
});
