import { errorMessage } from "../lib/base/error-message";
/**
 * One "app instance" of `npm run bench -- --workers K`: takes chunk steps from the coordinator over IPC and runs each
 * with the same building block the Inngest functions call (executeStep), against the one PostgreSQL of the bench.
 */
import { closeDatabase } from "../lib/db/client";
import type { PhaseKey } from "../lib/batch/phase-types";
import type { WorkItem } from "../lib/batch/run-work";
import type { RunLease } from "../lib/db/batch-runs";

export interface StepRequest {
  /** The run's lease: every instance's step holds the same one, as the steps of one Inngest function run do. */
  lease: RunLease;
  work: WorkItem;
  phaseKey: PhaseKey;
  stepKey: string;
}

export type WorkerMessage = { ready: true } | { stepKey: string; ok: true } | { stepKey: string; ok: false; error: string };

const { executeStep } = await import("../lib/batch/phase-steps");
const { PIPELINE } = await import("../lib/batch/pipeline");
// A warm instance: every phase's module is loaded before the first step arrives.
await Promise.all(PIPELINE.map((phase) => phase.load()));

process.on("message", (message: StepRequest | { stop: true }) => {
  if ("stop" in message) {
    void closeDatabase().finally(() => process.exit(0));
    return;
  }
  executeStep(message.lease, message.work, message.phaseKey, message.stepKey)
    .then(() => process.send!({ stepKey: message.stepKey, ok: true } satisfies WorkerMessage))
    .catch((error: unknown) => process.send!({ stepKey: message.stepKey, ok: false, error: errorMessage(error) } satisfies WorkerMessage));
});
process.send!({ ready: true } satisfies WorkerMessage);
