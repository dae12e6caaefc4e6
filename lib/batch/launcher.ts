import { executeRun, type ExecuteOptions } from "./runner";

/** Starts a created run somewhere: in this process (the default) or on an Inngest server (registered by inngest/). */
export type RunLauncher = (runId: string) => Promise<"runner" | "inngest">;

const inProcess: RunLauncher = async (runId) => {
  void executeRun(runId, launchOptions).catch((error: unknown) => console.error(`run ${runId} crashed:`, error));
  return "runner";
};

let launcher: RunLauncher = inProcess;
let launchOptions: ExecuteOptions = {};

export { isInngestConfigured } from "../config/inngest-mode";

export function setRunLauncher(next: RunLauncher | null, options: ExecuteOptions = {}): void {
  launcher = next ?? inProcess;
  launchOptions = options;
}

export function launchRun(runId: string): Promise<"runner" | "inngest"> {
  return launcher(runId);
}
