/**
 * `--workers K`: one nightly whose chunk steps run in K processes against one PostgreSQL, as K app instances behind
 * one Inngest server would run them: this process plans each phase and records it (the durable loop), the worker
 * processes take its chunk steps as they fall free.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PIPELINE } from "../lib/batch/pipeline";
import type { PhaseKey } from "../lib/batch/phase-types";
import type { WorkItem } from "../lib/batch/run-work";
import { readNightlyPhases, seedNightlyBook, type NightlyBenchmark } from "./nightly";
import type { StepRequest, WorkerMessage } from "./worker-process";

interface Worker {
  child: ChildProcess;
  busy: boolean;
}

async function startWorkers(count: number): Promise<Worker[]> {
  const script = path.join(import.meta.dirname, "worker-process.ts");
  return Promise.all(Array.from({ length: count }, () => new Promise<Worker>((resolve, reject) => {
    const child = fork(script, [], { env: process.env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`a bench worker exited with ${code} before it was ready`)));
    child.once("message", () => resolve({ child, busy: false }));
  })));
}

/** Runs the step keys on whichever worker is free; resolves when every step has finished. */
function runSteps(workers: Worker[], requests: StepRequest[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...requests];
    let running = 0;
    const dispatch = () => {
      if (queue.length === 0 && running === 0) {
        resolve();
        return;
      }
      for (const worker of workers) {
        if (worker.busy || queue.length === 0) continue;
        const request = queue.shift()!;
        worker.busy = true;
        running += 1;
        worker.child.once("message", (message: WorkerMessage) => {
          worker.busy = false;
          running -= 1;
          if ("ok" in message && !message.ok) reject(new Error(`step ${message.stepKey} failed in a worker: ${message.error}`));
          else dispatch();
        });
        worker.child.send(request);
      }
    };
    dispatch();
  });
}

export type ParallelNightlyBenchmark = Omit<NightlyBenchmark, "noChangeMs" | "noChangeDates">;

export async function benchmarkNightlyWorkers(symbolCount: number, portfolioCount: number, workerCount: number): Promise<ParallelNightlyBenchmark> {
  const { createRun, inngestOwner, keepLeaseAlive } = await import("../lib/batch/run-lifecycle");
  const { planPhase, recordPhase } = await import("../lib/batch/phase-steps");
  const { finishRunFromPhases } = await import("../lib/batch/run-finish");
  const calcDate = await seedNightlyBook(symbolCount, portfolioCount);
  const work: WorkItem = { date: calcDate, phases: PIPELINE.map((phase) => phase.key) };
  const lease = await createRun({
    jobType: "nightly", triggeredBy: "cli", params: { work: [work] }, engine: "inngest", owner: inngestOwner(`bench-${Date.now()}`),
  });
  const workers = await startWorkers(workerCount);
  const stopBeating = keepLeaseAlive(lease);
  const started = performance.now();
  let status: string;
  try {
    for (const phaseKey of work.phases as PhaseKey[]) {
      process.stderr.write(`  nightly × ${workerCount}: ${phaseKey}\n`);
      const plan = await planPhase(lease, work, phaseKey);
      if (plan.waitingFor) throw new Error(`the bench's nightly found ${work.date} held by run ${plan.waitingFor}`);
      if (plan.blocked) continue;
      await runSteps(workers, plan.stepKeys.map((stepKey) => ({ lease, work, phaseKey, stepKey })));
      await recordPhase(lease, work, phaseKey);
    }
    status = (await finishRunFromPhases(lease)).status;
  } finally {
    stopBeating();
    for (const worker of workers) worker.child.send({ stop: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const { auditLedger } = await import("../lib/batch/ledger-audit");
  const audit = await auditLedger();
  return { seconds, status, ...(await readNightlyPhases(lease.runId, symbolCount, portfolioCount)), auditViolations: audit.violations.length };
}
