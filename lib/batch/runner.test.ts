import { beforeEach, describe, expect, it, vi } from "vitest";
import { getPool } from "../db/client";
import { useTestDatabase } from "../testing/test-database";
import type { PhaseContext, PhaseFunction, PhaseKey, PhaseSummary } from "./phase-types";
import { summarizePhase } from "./phase-types";
import type { PhaseSpec } from "./pipeline";
import { executeStep, planPhase, recordPhase } from "./phase-steps";
import { finishRunFromPhases } from "./run-finish";
import { executeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import type { WorkItem } from "./run-work";

const behaviour: { symbols: (context: PhaseContext) => Promise<PhaseSummary>; portfolios: (context: PhaseContext) => Promise<void>; calls: string[] } = {
  symbols: async (context) => summarizePhase({ itemsTotal: context.symbols!.length, itemsDone: context.symbols!.length, itemsFailed: 0 }),
  portfolios: async () => undefined,
  calls: [],
};

vi.mock("./pipeline", async (importOriginal) => {
  const original = await importOriginal<typeof import("./pipeline")>();
  const symbolsPhase: PhaseFunction = async (context) => { behaviour.calls.push(`symbols:${context.symbols!.join(",")}`); return behaviour.symbols(context); };
  const portfolioPhase: PhaseFunction = async (context) => {
    behaviour.calls.push(`portfolios:${context.portfolioIds!.join(",")}`);
    await behaviour.portfolios(context);
    return summarizePhase({ itemsTotal: context.portfolioIds!.length, itemsDone: context.portfolioIds!.length, itemsFailed: 0 });
  };
  const fake = (key: PhaseKey): PhaseSpec => {
    const spec = original.getPhaseSpecOrThrow(key);
    return { ...spec, load: async () => (spec.chunk === "symbols" ? symbolsPhase : portfolioPhase) };
  };
  return {
    ...original,
    CHUNK_SIZE: { symbols: 2, portfolios: 2 },
    getPhaseSpecOrThrow: (key: string) => fake(original.getPhaseSpecOrThrow(key).key),
  };
});

const work: WorkItem = { date: "2026-11-24", phases: ["phase_1_market_data", "phase_4_pnl"], symbols: ["AAPL", "MSFT", "NVDA"], portfolioIds: ["p1"] };

useTestDatabase();
beforeEach(() => {
  behaviour.calls = [];
  behaviour.portfolios = async () => undefined;
  behaviour.symbols = async (context) => summarizePhase({ itemsTotal: context.symbols!.length, itemsDone: context.symbols!.length, itemsFailed: 0 });
});

async function phaseRows(runId: string) {
  const result = await getPool().query(
    `SELECT phase_key, status, items_total, items_done, items_failed FROM batch_phase_runs WHERE run_id = $1 ORDER BY phase_key`, [runId]);
  return result.rows;
}

async function runRow(runId: string) {
  return (await getPool().query(`SELECT status, total_items, completed_items, failed_items FROM batch_runs WHERE id = $1`, [runId])).rows[0];
}

describe("runner", () => {
  it("executeRun plans chunks, runs them and records every phase", async () => {
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] } });
    const outcome = await executeRun(lease);
    expect(outcome.status).toBe("completed");
    expect(behaviour.calls).toEqual(["symbols:AAPL,MSFT", "symbols:NVDA", "portfolios:p1"]);
    expect(await phaseRows(lease.runId)).toEqual([
      { phase_key: "phase_1_market_data", status: "completed", items_total: 3, items_done: 3, items_failed: 0 },
      { phase_key: "phase_4_pnl", status: "completed", items_total: 1, items_done: 1, items_failed: 0 },
    ]);
    expect(await runRow(lease.runId)).toEqual({ status: "completed", total_items: 4, completed_items: 4, failed_items: 0 });
  });

  it("runs two steps of a portfolio phase at once and one of a symbol phase; progress only grows, to the total", async () => {
    const inFlight = { now: 0, most: 0 };
    const track = async (context: PhaseContext) => {
      inFlight.now += 1;
      inFlight.most = Math.max(inFlight.most, inFlight.now);
      const items = context.portfolioIds!.length;
      context.progress(1, items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      context.progress(items, items);
      inFlight.now -= 1;
    };
    behaviour.portfolios = track;
    const symbolsInFlight = { now: 0, most: 0 };
    behaviour.symbols = async (context) => {
      symbolsInFlight.now += 1;
      symbolsInFlight.most = Math.max(symbolsInFlight.most, symbolsInFlight.now);
      await new Promise((resolve) => setTimeout(resolve, 20));
      symbolsInFlight.now -= 1;
      return summarizePhase({ itemsTotal: context.symbols!.length, itemsDone: context.symbols!.length, itemsFailed: 0 });
    };
    const portfolioIds = Array.from({ length: 9 }, (_, i) => `p${i}`);
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [{ ...work, symbols: ["A", "B", "C", "D", "E"], portfolioIds }] } });
    const progress: { phase: string; done: number; total: number }[] = [];
    const outcome = await executeRun(lease, { onProgress: (event) => progress.push({ phase: event.phase, done: event.done, total: event.total }) });
    expect(outcome.status).toBe("completed");
    expect(inFlight.most).toBe(2);
    expect(symbolsInFlight.most).toBe(1);
    // Five steps of two portfolios (the last of one), each portfolio once.
    expect(behaviour.calls.filter((call) => call.startsWith("portfolios:")).flatMap((call) => call.slice(11).split(",")).sort()).toEqual(portfolioIds);
    const pnl = progress.filter((event) => event.phase === "phase_4_pnl").map((event) => event.done);
    expect(pnl.every((done, i) => i === 0 || done >= pnl[i - 1])).toBe(true);
    expect(Math.max(...pnl)).toBe(9);
    expect(await phaseRows(lease.runId)).toEqual([
      { phase_key: "phase_1_market_data", status: "completed", items_total: 5, items_done: 5, items_failed: 0 },
      { phase_key: "phase_4_pnl", status: "completed", items_total: 9, items_done: 9, items_failed: 0 },
    ]);
  });

  it("blocks the portfolio refresh of a date whose critical symbol phase failed (R20)", async () => {
    behaviour.symbols = async (context) => summarizePhase({ itemsTotal: context.symbols!.length, itemsDone: 0, itemsFailed: context.symbols!.length, errors: [{ type: "not_found", message: "no bars" }] });
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] } });
    const outcome = await executeRun(lease);
    expect(outcome.phases.map((phase) => phase.status)).toEqual(["failed", "blocked"]);
    expect(outcome.status).toBe("failed");
    expect(behaviour.calls).not.toContain("portfolios:p1");
  });

  it("the step API gives the same rows as executeRun, and a completed step is never run twice", async () => {
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] }, engine: "inngest" });
    for (const phase of work.phases) {
      const plan = await planPhase(lease, work, phase);
      expect(plan.blocked).toBeUndefined();
      const counts = await Promise.all(plan.stepKeys.map((key) => executeStep(lease, work, phase, key, { rethrow: true })));
      expect(counts.every((count) => count.status === "completed")).toBe(true);
      await executeStep(lease, work, phase, plan.stepKeys[0], { rethrow: true });
      expect((await planPhase(lease, work, phase)).stepKeys).toEqual(plan.stepKeys);
      expect(await recordPhase(lease, work, phase)).toMatchObject({ status: "completed" });
    }
    expect(behaviour.calls.sort()).toEqual(["portfolios:p1", "symbols:AAPL,MSFT", "symbols:NVDA"]);
    expect(await finishRunFromPhases(lease)).toEqual({ status: "completed" });
    expect(await runRow(lease.runId)).toEqual({ status: "completed", total_items: 4, completed_items: 4, failed_items: 0 });
  });

  it("executeStep rethrows an exception for a retry when asked, else records a failed chunk", async () => {
    behaviour.symbols = async () => { throw new Error("provider exploded"); };
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] }, engine: "inngest" });
    const plan = await planPhase(lease, work, "phase_1_market_data");
    await expect(executeStep(lease, work, "phase_1_market_data", plan.stepKeys[0], { rethrow: true })).rejects.toThrow("provider exploded");
    expect(await executeStep(lease, work, "phase_1_market_data", plan.stepKeys[0])).toEqual({ status: "failed", itemsDone: 0, itemsFailed: 0, itemsSkipped: 0 });
    const attempts = await getPool().query(`SELECT status, attempt FROM batch_steps WHERE run_id = $1 AND step_key = $2`, [lease.runId, plan.stepKeys[0]]);
    expect(attempts.rows[0]).toEqual({ status: "failed", attempt: 2 });
    behaviour.symbols = async (context) => summarizePhase({ itemsTotal: context.symbols!.length, itemsDone: context.symbols!.length, itemsFailed: 0 });
    await executeStep(lease, work, "phase_1_market_data", plan.stepKeys[1]);
    expect(await recordPhase(lease, work, "phase_1_market_data")).toEqual({ status: "partial", itemsDone: 1, itemsFailed: 0 });
    const blocked = await planPhase(lease, work, "phase_4_pnl");
    expect(blocked.blocked).toBeUndefined();
    expect(await finishRunFromPhases(lease)).toEqual({ status: "partial" });
  });

  it("enforces SYMBOL_BATCH_TIMEOUT_SECONDS: the phase is aborted and the run fails with reason timeout", async () => {
    let aborted = false;
    behaviour.symbols = (context) => new Promise((_, reject) => {
      context.signal?.addEventListener("abort", () => { aborted = true; reject(context.signal?.reason); });
    });
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: { work: [work] } });
    const outcome = await executeRun(lease, { env: { SYMBOL_BATCH_TIMEOUT_SECONDS: "0.2" } as unknown as NodeJS.ProcessEnv });
    expect(aborted).toBe(true);
    expect(outcome.status).toBe("failed");
    expect(outcome.failureReason).toMatch(/^timeout: symbol_batch for 2026-11-24 exceeded its time budget/);
    const row = (await getPool().query(`SELECT status, failure_reason, error_summary FROM batch_runs WHERE id = $1`, [lease.runId])).rows[0];
    expect(row.status).toBe("failed");
    expect(row.failure_reason).toMatch(/^timeout: /);
    expect(row.error_summary.types).toContain("timeout");
    expect(behaviour.calls.some((call) => call.startsWith("portfolios:"))).toBe(false);
  });
});
