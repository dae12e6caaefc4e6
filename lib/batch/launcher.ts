import { executeRun, type ExecuteOptions } from "./runner";

/** Starts a created run somewhere: in this process (the default) or on an Inngest server (registered by inngest/). */
export type RunLauncher = (runId: string) => Promise<"runner" | "inngest">;

const inProcess: RunLauncher = async (runId) => {
  void executeRun(runId, launchOptions).catch((error: unknown) => console.error(`run ${runId} crashed:`, error));
  return "runner";
};

let launcher: RunLauncher = inProcess;
let launchOptions: ExecuteOptions = {};

/** Runs go to an Inngest server when an event key (cloud or self-hosted) or dev mode is configured. */
export function isInngestConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.INNGEST_EVENT_KEY) || Boolean(env.INNGEST_DEV);
}

export function setRunLauncher(next: RunLauncher | null, options: ExecuteOptions = {}): void {
  launcher = next ?? inProcess;
  launchOptions = options;
}

export function launchRun(runId: string): Promise<"runner" | "inngest"> {
  return launcher(runId);
}
