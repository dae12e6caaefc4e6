/**
 * The ledger holds: random sequences of nightlies, backfills, reruns of one phase, reprocess-all, runs killed mid-step
 * then resumed, onboardings, and two of these at once, on a small simulated market (the regressor ETFs and three
 * stocks over four trading days with a weekend) and a few portfolios with capital flows, a later entry and an exit.
 * After every sequence the ledger audit is clean and every snapshot, exposure and stress row equals, to the cent,
 * the clean sequential replay of the same inputs from inception (computed once, on a copy of the same database).
 *
 * A kill is what a dead process leaves: at the N-th chunk commit of a portfolio phase the run's lease goes to a dead
 * owner, just before the commit (the transaction rolls back) or just after it (the step is never recorded); the run
 * stays `running` and is taken over with `batch resume --force`'s rules. The symbol data is computed once and shared
 * by all sequences (sometimes a suffix of dates loses its factors, so runs wait for them and recompute them).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getSymbolCache } from "../cache/symbol-cache";
import { RunRefusedError, type RunLease } from "../db/batch-runs";
import { closeDatabase, getPool } from "../db/client";
import { REQUIRED_ETFS } from "../market-data/etfs";
import { insertTestEquityChange, insertTestPortfolio, insertTestPosition, insertTestRealizedEvent, insertTestUser } from "../testing/portfolio-fixtures";
import { cloneTestDatabase, createTestDatabase, type TestDatabase } from "../testing/test-database";
import { auditLedger } from "./ledger-audit";
import { onboardPortfolio } from "./onboarding";
import { onboardingDate } from "./onboarding-runs";
import { ensureOnboardingWorker } from "./onboarding-worker";
import { PHASE_KEYS } from "./phase-types";
import { executeRun, resumeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import { planNightly, planToRunParams, previewBackfill, previewRerun, type RunPlan } from "./run-plans";

/** The kill switch the mocked fence consults: the N-th portfolio chunk commit of the op hands the lease to a dead owner. */
/** How often the sequences hit each path (kills before/after commit, waiting, restatement, onboarding, late flows). */
const stats: Record<string, number> = {};
const kill = vi.hoisted(() => ({ countdown: null as number | null, mode: "before" as "before" | "after", stolen: null as Promise<unknown> | null, target: null as string | null }));
vi.mock("../db/batch-runs", async (importOriginal) => {
  const real = await importOriginal<typeof import("../db/batch-runs")>();
  const { getPool: pool } = await import("../db/client");
  const steal = (lease: { runId: string }) => pool().query(`UPDATE batch_runs SET owner = 'dead:' || id WHERE id = $1`, [lease.runId]);
  return {
    ...real,
    fenceLease: async (db: Parameters<typeof real.fenceLease>[0], lease: Parameters<typeof real.fenceLease>[1]) => {
      // Only the op's own run dies (the onboarding worker may be running its own run meanwhile).
      if (kill.countdown === null || lease.runId !== kill.target || --kill.countdown > 0) return real.fenceLease(db, lease);
      kill.countdown = null;
      if (kill.mode === "before") {
        await steal(lease);
        return real.fenceLease(db, lease);
      }
      await real.fenceLease(db, lease);
      // Waits for this transaction's commit (it holds a share lock on the run row), then the owner is gone.
      kill.stolen = steal(lease);
    },
  };
});

const DATES = ["2025-11-20", "2025-11-21", "2025-11-24", "2025-11-25"];
const SATURDAY = "2025-11-22";
const evening = (index: number) => new Date(`${DATES[index]}T23:30:00Z`);
const AFTER_LAST = evening(DATES.length - 1);
const ALL_PHASES = [...PHASE_KEYS];
/** A contribution entered late (after its date may have been computed), then corrected by a rerun of its date. */
const LATE_FLOW = 7_777.77;
const ONBOARDED = { startingEquity: 30_000, positions: [{ symbol: "AAPL", quantity: 60, entryPrice: 175 }, { symbol: "MSFT", quantity: -20, entryPrice: 380 }] };

let base: TestDatabase;
let reference: TestDatabase;
let sequences: TestDatabase;
let userId: string;
/** Rows of the clean sequential replay by portfolio name (the onboarded book once per possible inception date). */
let expected: Map<string, LedgerRows>;

interface LedgerRows {
  snapshots: Record<string, unknown>[];
  exposures: Record<string, unknown>[];
  stress: Record<string, unknown>[];
  summaries: Record<string, unknown>[];
}

/** P2: an exit with its realized P&L and a later entry; "P2+flow" (the replay only) also holds the late flow. */
async function createP2(name: string, withLateFlow = false): Promise<string> {
  const p2 = await insertTestPortfolio({ userId, startingEquity: 50_000, inceptionDate: DATES[0], name });
  const exiting = await insertTestPosition(p2, { symbol: "CRM", quantity: 400, entryPrice: 60, entryDate: DATES[0], exitDate: DATES[2] });
  await insertTestRealizedEvent(p2, exiting, DATES[2], 400, 1_234.56);
  await insertTestPosition(p2, { symbol: "AAPL", quantity: 50, entryPrice: 180, entryDate: DATES[1] });
  if (withLateFlow) await insertTestEquityChange(p2, "CONTRIBUTION", LATE_FLOW, DATES[1]);
  return p2;
}

async function createBooks(): Promise<void> {
  userId = await insertTestUser();
  const p1 = await insertTestPortfolio({ userId, startingEquity: 200_000, inceptionDate: DATES[0], name: "P1" });
  await insertTestPosition(p1, { symbol: "AAPL", quantity: 300, entryPrice: 170, entryDate: DATES[0] });
  await insertTestPosition(p1, { symbol: "CRM", quantity: 500, entryPrice: 55, entryDate: DATES[0] });
  await insertTestPosition(p1, { symbol: "MSFT", quantity: -100, entryPrice: 350, entryDate: DATES[0] });
  await insertTestEquityChange(p1, "CONTRIBUTION", 10_000, DATES[1]);
  await insertTestEquityChange(p1, "WITHDRAWAL", 3_000, SATURDAY);
  await createP2("P2");
  const p3 = await insertTestPortfolio({ userId, startingEquity: 75_000, inceptionDate: DATES[1], name: "P3" });
  await insertTestPosition(p3, { symbol: "MSFT", quantity: 80, entryPrice: 400, entryDate: DATES[1] });
  await insertTestPosition(p3, { symbol: "AAPL", quantity: 40, entryPrice: 190, entryDate: SATURDAY });
  await insertTestEquityChange(p3, "CONTRIBUTION", 5_000, SATURDAY);
}

async function readRows(): Promise<Map<string, LedgerRows>> {
  const pool = getPool();
  const query = async (sql: string) => (await pool.query(sql)).rows as Record<string, unknown>[];
  const [snapshots, exposures, stress, summaries] = await Promise.all([
    query(`SELECT p.name, s.snapshot_date AS date, s.is_complete, s.equity_balance::text, s.total_value::text, s.cash_value::text,
                  s.long_value::text, s.short_value::text, s.gross_exposure::text, s.net_exposure::text, s.daily_pnl::text, s.daily_return,
                  s.cumulative_pnl::text, s.daily_realized_pnl::text, s.cumulative_realized_pnl::text, s.daily_capital_flow::text,
                  s.cumulative_capital_flow::text, s.num_positions, s.num_long_positions, s.num_short_positions, s.beta_calculated_90d,
                  s.beta_provider_1y, s.hhi, s.effective_num_positions, s.top_3_concentration, s.top_10_concentration
             FROM portfolio_snapshots s JOIN portfolios p ON p.id = s.portfolio_id ORDER BY 1, 2`),
    query(`SELECT p.name, e.calculation_date AS date, e.factor_id, e.exposure_value::text, e.exposure_dollar::text
             FROM factor_exposures e JOIN portfolios p ON p.id = e.portfolio_id ORDER BY 1, 2, 3`),
    query(`SELECT p.name, r.calculation_date AS date, s.scenario_id, r.direct_pnl::text, r.correlated_pnl::text, r.correlation_effect::text,
                  r.direct_cap_applied, r.correlated_cap_applied, r.factor_impacts::text
             FROM stress_test_results r JOIN portfolios p ON p.id = r.portfolio_id JOIN stress_test_scenarios s ON s.id = r.scenario_id ORDER BY 1, 2, 3`),
    query(`SELECT p.name, t.calculation_date AS date, t.scenarios_tested, t.worst_pnl::text, t.worst_scenario_id, t.best_pnl::text,
                  t.best_scenario_id, t.mean_pnl::text
             FROM stress_test_summaries t JOIN portfolios p ON p.id = t.portfolio_id ORDER BY 1, 2`),
  ]);
  const rows = new Map<string, LedgerRows>();
  const of = (name: string) => rows.get(name) ?? rows.set(name, { snapshots: [], exposures: [], stress: [], summaries: [] }).get(name)!;
  for (const row of snapshots) of(row.name as string).snapshots.push(row);
  for (const row of exposures) of(row.name as string).exposures.push(row);
  for (const row of stress) of(row.name as string).stress.push(row);
  for (const row of summaries) of(row.name as string).summaries.push(row);
  return rows;
}

beforeAll(async () => {
  base = await createTestDatabase();
  // The symbol data every sequence shares: valuations, a year of prices and the factors of the four dates.
  const symbols = await createRun({
    jobType: "rerun", triggeredBy: "cli",
    params: { work: DATES.map((date) => ({ date, phases: ["phase_0_valuations", "phase_1_market_data", "phase_3_factors"], symbols: [...REQUIRED_ETFS, "AAPL", "MSFT", "CRM"] })) },
  });
  expect((await executeRun(symbols)).status).toBe("completed");
  await createBooks();

  reference = await cloneTestDatabase(base);
  // The clean replay: the onboarded book exists once per possible inception day; every date in order, every phase.
  for (const [index, date] of DATES.entries()) {
    const id = await insertTestPortfolio({ userId, startingEquity: ONBOARDED.startingEquity, inceptionDate: date, name: `onboarded@${index}` });
    for (const p of ONBOARDED.positions) await insertTestPosition(id, { ...p, entryDate: date, marketValue: Math.round(p.quantity * p.entryPrice * 100) / 100 });
  }
  await createP2("P2+flow", true);
  for (const date of DATES) {
    const lease = await createRun({ jobType: "nightly", triggeredBy: "cli", params: { work: [{ date, phases: ALL_PHASES, mode: "fill" }] } });
    expect((await executeRun(lease)).status).toBe("completed");
  }
  expect(await auditLedger()).toMatchObject({ clean: true });
  expected = await readRows();
  expect(expected.get("P1")?.snapshots).toHaveLength(4);
  expect(expected.get("P1")?.stress.length).toBeGreaterThan(0);

  sequences = await cloneTestDatabase(base);
  await getPool().query(`CREATE TABLE saved_factor_rows AS SELECT * FROM symbol_factor_exposures`);
  await getPool().query(`CREATE TABLE saved_position_values AS SELECT id, last_price, market_value, unrealized_pnl FROM positions`);
}, 300_000);

afterAll(async () => {
  await closeDatabase();
  for (const database of [sequences, reference, base]) await database?.drop();
});

/** Back to the prepared state: no run, no portfolio-derived row, the base books only, the saved symbol data. */
async function reset(dropFactorsFrom: number | null): Promise<void> {
  await getPool().query(`
    DELETE FROM batch_runs; DELETE FROM symbol_onboarding_jobs; DELETE FROM portfolios WHERE name = 'onboarded';
    DELETE FROM equity_changes WHERE amount = ${LATE_FLOW};
    DELETE FROM portfolio_snapshots; DELETE FROM factor_exposures; DELETE FROM portfolio_factor_coverage;
    DELETE FROM stress_test_results; DELETE FROM stress_test_summaries;
    UPDATE portfolios SET current_equity = starting_equity, current_equity_date = NULL;
    UPDATE positions p SET last_price = s.last_price, market_value = s.market_value, unrealized_pnl = s.unrealized_pnl FROM saved_position_values s WHERE s.id = p.id;
    DELETE FROM symbol_factor_exposures; INSERT INTO symbol_factor_exposures SELECT * FROM saved_factor_rows;`);
  if (dropFactorsFrom !== null) await getPool().query(`DELETE FROM symbol_factor_exposures WHERE calculation_date >= $1`, [DATES[dropFactorsFrom]]);
  // The factor rows changed behind the phases' back: the process's factor cache must not serve the previous state.
  getSymbolCache().clear();
}

type BaseOp =
  | { kind: "nightly"; day: number }
  | { kind: "backfill"; from: number; to: number; reprocess: "missing" | "failed" | "all" }
  | { kind: "rerun"; day: number; phase: (typeof PHASE_KEYS)[number] }
  | { kind: "onboard"; day: number }
  | { kind: "lateFlow" };
type Op = BaseOp | { kind: "kill"; op: BaseOp; countdown: number; mode: "before" | "after" } | { kind: "together"; a: BaseOp; b: BaseOp };

const day = fc.integer({ min: 0, max: DATES.length - 1 });
const runOp: fc.Arbitrary<BaseOp> = fc.oneof(
  fc.record({ kind: fc.constant("nightly" as const), day }),
  fc.record({ kind: fc.constant("backfill" as const), from: day, to: day, reprocess: fc.constantFrom("missing" as const, "failed" as const, "all" as const) })
    .map((op) => ({ ...op, from: Math.min(op.from, op.to), to: Math.max(op.from, op.to) })),
  fc.record({ kind: fc.constant("backfill" as const), from: fc.constant(0), to: fc.constant(DATES.length - 1), reprocess: fc.constant("all" as const) }),
  fc.record({ kind: fc.constant("rerun" as const), day, phase: fc.constantFrom(...PHASE_KEYS) }),
);
const anyOp: fc.Arbitrary<BaseOp> = fc.oneof(
  { weight: 5, arbitrary: runOp },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("onboard" as const), day }) },
  { weight: 1, arbitrary: fc.constant({ kind: "lateFlow" as const }) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: anyOp },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("kill" as const), op: runOp, countdown: fc.integer({ min: 1, max: 5 }), mode: fc.constantFrom("before" as const, "after" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("together" as const), a: anyOp, b: anyOp }) },
);
const sequenceArb = fc.record({ dropFactorsFrom: fc.option(day, { freq: 3 }), ops: fc.array(op, { minLength: 1, maxLength: 4 }) });

async function planOf(op: Exclude<BaseOp, { kind: "onboard" | "lateFlow" }>): Promise<RunPlan> {
  if (op.kind === "nightly") return planNightly(evening(op.day));
  if (op.kind === "rerun") return previewRerun({ date: DATES[op.day], phase: op.phase }, AFTER_LAST);
  return previewBackfill({ from: DATES[op.from], to: DATES[op.to], reprocess: op.reprocess, confirmLargeRange: true }, AFTER_LAST);
}

/** Runs one operation to its end; returns the run it created (null: nothing to run, refused, or an onboarding). */
async function perform(op: BaseOp): Promise<RunLease | null> {
  try {
    if (op.kind === "onboard") {
      // One onboarded book per sequence (claimed before the first await: two may start at once).
      if (onboardedThisSequence) return null;
      onboardedThisSequence = true;
      const date = await onboardingDate(evening(op.day));
      await onboardPortfolio({ userId, name: "onboarded", startingEquity: ONBOARDED.startingEquity, positions: ONBOARDED.positions.map((p) => ({ ...p, entryDate: date })) }, { now: evening(op.day) });
      return null;
    }
    if (op.kind === "lateFlow") {
      // A user enters a contribution dated in the past, and the admin reruns its date: every later day is restated.
      if (lateFlowThisSequence) return null;
      lateFlowThisSequence = true;
      const { rows } = await getPool().query<{ id: string }>(`SELECT id FROM portfolios WHERE name = 'P2'`);
      await insertTestEquityChange(rows[0].id, "CONTRIBUTION", LATE_FLOW, DATES[1]);
      return perform({ kind: "rerun", day: 1, phase: "phase_4_pnl" });
    }
    const plan = await planOf(op);
    if (op.kind === "backfill" && plan.dates.length === 0) return null;
    const lease = await createRun({ jobType: plan.jobType, triggeredBy: "cli", params: planToRunParams(plan, {}) });
    if (kill.countdown !== null) kill.target = lease.runId;
    await executeRun(lease);
    return lease;
  } catch (error) {
    if (error instanceof RunRefusedError) return null;
    throw error;
  }
}

let onboardedThisSequence = false;
let lateFlowThisSequence = false;

async function performSequence(ops: Op[]): Promise<void> {
  onboardedThisSequence = false;
  lateFlowThisSequence = false;
  for (const step of ops) {
    if (step.kind === "together") {
      await Promise.all([perform(step.a), perform(step.b)]);
    } else if (step.kind === "kill") {
      kill.countdown = step.countdown;
      kill.mode = step.mode;
      kill.stolen = null;
      kill.target = null;
      const lease = await perform(step.op);
      const fired = kill.countdown === null;
      kill.target = null;
      if (fired) stats[`kill-${step.mode}`] = (stats[`kill-${step.mode}`] ?? 0) + 1;
      kill.countdown = null;
      await kill.stolen;
      if (fired && lease) {
        const { rows } = await getPool().query(`SELECT status FROM batch_runs WHERE id = $1`, [lease.runId]);
        if (rows[0].status === "running") await resumeRun(lease.runId, { force: true });
      }
    } else {
      await perform(step);
    }
  }
  // Symbols an onboarding queued are processed by the background worker: the sequence ends when it is idle.
  await ensureOnboardingWorker();
}

/** Every stored row equals the replay's for the same portfolio and date, and each chain is a prefix of the replay's. */
async function expectReplayRows(): Promise<void> {
  const actual = await readRows();
  const onboarded = await getPool().query<{ inception_date: string }>(`SELECT inception_date FROM portfolios WHERE name = 'onboarded'`);
  for (const [name, rows] of actual) {
    const referenceName = name === "onboarded" ? `onboarded@${DATES.indexOf(onboarded.rows[0].inception_date)}`
      : name === "P2" && lateFlowThisSequence ? "P2+flow" : name;
    const reference = expected.get(referenceName)!;
    const dates = rows.snapshots.map((row) => row.date);
    const inReplay = (list: Record<string, unknown>[]) => list.filter((row) => dates.includes(row.date));
    const strip = (list: Record<string, unknown>[]) => list.map(({ name: _name, ...row }) => row);
    expect(strip(rows.snapshots), name).toEqual(strip(reference.snapshots.slice(0, dates.length)));
    expect(strip(rows.exposures), name).toEqual(strip(inReplay(reference.exposures)));
    expect(strip(rows.summaries), name).toEqual(strip(inReplay(reference.summaries)));
    expect(strip(rows.stress), name).toEqual(strip(inReplay(reference.stress)));
  }
}

describe("the ledger under random sequences of runs", () => {
  it("ends every sequence with a clean audit and the rows of the clean sequential replay, to the cent", async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (sequence) => {
        count += 1;
        await reset(sequence.dropFactorsFrom);
        await performSequence(sequence.ops);
        const running = await getPool().query(`SELECT id, job_type FROM batch_runs WHERE status = 'running'`);
        expect(running.rows).toEqual([]);
        // Nothing but waiting for a date whose factors were dropped: every other portfolio of every run was written.
        const errors = await getPool().query<{ run_id: string; calc_date: string; phase_key: string; details: unknown }>(
          `SELECT run_id, calc_date, phase_key, errors->'details' AS details FROM batch_phase_runs WHERE errors IS NOT NULL`);
        const waitable = sequence.dropFactorsFrom === null ? [] : DATES.slice(sequence.dropFactorsFrom);
        for (const row of errors.rows) {
          for (const detail of row.details as { type: string; message: string }[]) {
            expect({ ...row, detail }).toMatchObject({ detail: { type: "blocked", message: expect.stringMatching(new RegExp(`^waiting for (${waitable.join("|") || "none"})$`)) } });
          }
        }
        const failedRuns = await getPool().query(`SELECT id, failure_reason FROM batch_runs WHERE failure_reason IS NOT NULL`);
        expect(failedRuns.rows).toEqual([]);
        const audit = await auditLedger();
        expect(audit.violations).toEqual([]);
        await expectReplayRows();
        if (lateFlowThisSequence) stats.lateFlows = (stats.lateFlows ?? 0) + 1;
        const b = await getPool().query(`SELECT count(*)::int AS n FROM batch_phase_runs WHERE errors::text LIKE '%waiting for%'`);
        stats.blockedPhases = (stats.blockedPhases ?? 0) + b.rows[0].n;
        const o = await getPool().query(`SELECT count(*)::int AS n FROM portfolios WHERE name = 'onboarded'`);
        stats.onboarded = (stats.onboarded ?? 0) + o.rows[0].n;
        const h = await getPool().query(`SELECT count(*)::int AS n FROM batch_phase_runs WHERE (result->>'holesFilled')::int > 0 OR (result->>'restatedSnapshots')::int > 0`);
        stats.restateOrFill = (stats.restateOrFill ?? 0) + h.rows[0].n;
      }),
      { seed: 20_261_202, numRuns: 100, endOnFailure: true },
    );
    expect(count).toBe(100);
    // The sequences did exercise what the ledger must survive.
    const minimum = { "kill-before": 5, "kill-after": 5, blockedPhases: 5, restateOrFill: 20, onboarded: 5, lateFlows: 5 };
    for (const [path, least] of Object.entries(minimum)) expect(stats[path] ?? 0, path).toBeGreaterThanOrEqual(least);
  }, 600_000);
});
