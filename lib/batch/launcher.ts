/**
 * Where a created run executes: in this process (the default) or on an Inngest server (registered by inngest/). The
 * engine is chosen before the run is created, so a run meant for Inngest is created waiting for its hand-off and is
 * never also executed here unless the event certainly did not leave.
 */
import type { RunEngine, RunLease } from "../db/batch-runs";
import { executeRun, type ExecuteOptions } from "./run-in-process";

export interface RunLauncher {
  engine: RunEngine;
  /** Starts the run; resolves once it was handed over (it does not wait for the run to finish). */
  launch: (lease: RunLease) => Promise<RunEngine>;
}

function inProcessLauncher(options: ExecuteOptions): RunLauncher {
  return {
    engine: "runner",
    launch: async (lease) => {
      void executeRun(lease, options).catch((error: unknown) => console.error(`run ${lease.runId} crashed:`, error));
      return "runner";
    },
  };
}

let launcher: RunLauncher = inProcessLauncher({});

export function setRunLauncher(next: RunLauncher | null, options: ExecuteOptions = {}): void {
  launcher = next ?? inProcessLauncher(options);
}

export function getRunLauncher(): RunLauncher {
  return launcher;
}
