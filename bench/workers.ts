/**
 * `--workers K`: one nightly whose chunk steps run in K processes against one PostgreSQL, as K app instances behind
 * one Inngest server would run them: this process plans each phase and records it (the durable loop), the worker
 * processes take its chunk steps as they fall free.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { beatHeartbeat } from "../lib/db/batch-runs";
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

export async function benchmarkNightlyWorkers(symbolCount: number, portfolioCount: number, workerCount: number): Promise<NightlyBenchmark> {
  const { createRun, finishRunFromPhases, planPhase, recordPhase } = await import("../lib/batch/runner");
  const calcDate = await seedNightlyBook(symbolCount, portfolioCount);
  const work: WorkItem = { date: calcDate, phases: PIPELINE.map((phase) => phase.key) };
  const runId = await createRun({ jobType: "nightly", triggeredBy: "cli", params: { work: [work] }, engine: "inngest" });
  const workers = await startWorkers(workerCount);
  const heartbeat = setInterval(() => void beatHeartbeat(runId).catch(() => undefined), 5_000);
  const started = performance.now();
  let status: string;
  try {
    for (const phaseKey of work.phases as PhaseKey[]) {
      process.stderr.write(`  nightly × ${workerCount}: ${phaseKey}\n`);
      const plan = await planPhase(runId, work, phaseKey);
      if (plan.blocked) continue;
      await runSteps(workers, plan.stepKeys.map((stepKey) => ({ runId, work, phaseKey, stepKey })));
      await recordPhase(runId, work, phaseKey);
    }
    status = (await finishRunFromPhases(runId)).status;
  } finally {
    clearInterval(heartbeat);
    for (const worker of workers) worker.child.send({ stop: true });
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, status, ...(await readNightlyPhases(runId, symbolCount, portfolioCount)) };
}
