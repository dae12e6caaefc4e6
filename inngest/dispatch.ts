import { setRunLauncher, type RunLauncher } from "@/lib/batch/launcher";
import { isInngestConfigured } from "@/lib/config/inngest-mode";
import { executeRun } from "@/lib/batch/runner";
import { inngest } from "./client";
import { runRequestedEvent } from "./events";

type Send = (payload: ReturnType<typeof runRequestedEvent.create>) => Promise<unknown>;

/** Whether runs should go to an Inngest server (the one decision in lib/config/inngest-mode). */
export const shouldUseInngest = isInngestConfigured;

/**
 * The launcher for an Inngest deployment: sends `factorwatch/run.requested`; when the send fails (no server, bad key)
 * the run executes in this process instead, so a created run never waits for nothing.
 */
export function createInngestLauncher(send: Send = (payload) => inngest.send(payload)): RunLauncher {
  return async (runId) => {
    try {
      await send(runRequestedEvent.create({ runId }));
      return "inngest";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`Inngest send failed for run ${runId} (${reason}); running it in this process instead.`);
      void executeRun(runId).catch((failure: unknown) => console.error(`run ${runId} crashed:`, failure));
      return "runner";
    }
  };
}

/** Registers the Inngest launcher when Inngest is configured (dev server, or both keys); otherwise the in-process default stays. */
export function registerInngestLauncher(env: Record<string, string | undefined> = process.env, send?: Send): "inngest" | "runner" {
  if (!shouldUseInngest(env)) return "runner";
  setRunLauncher(createInngestLauncher(send));
  return "inngest";
}
