import { setRunLauncher, type RunLauncher } from "@/lib/batch/launcher";
import { isInngestConfigured } from "@/lib/config/inngest-mode";
import { executeRun } from "@/lib/batch/run-in-process";
import { takeOverForThisProcess } from "@/lib/batch/run-lifecycle";
import { inngest } from "./client";
import { runRequestedEvent } from "./events";
import { errorMessage } from "../lib/base/error-message";

type Send = (payload: ReturnType<typeof runRequestedEvent.create>) => Promise<unknown>;

/** Whether runs should go to an Inngest server (the one decision in lib/config/inngest-mode). */
export const shouldUseInngest = isInngestConfigured;

/** Codes that prove the event never left this process: no connection was made. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

/** True only when the send certainly did not reach the server; a timeout or a reset may have delivered it. */
export function sendCertainlyFailed(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The launcher for an Inngest deployment: the run is created waiting for its hand-off and `factorwatch/run.requested`
 * is sent. When the send certainly failed (no connection) the run is taken over and executed here; when it may have
 * arrived (a timeout, an error answer) it is left to Inngest, which claims it, and the log says so: running it here
 * too could run it twice.
 */
export function createInngestLauncher(send: Send = (payload) => inngest.send(payload)): RunLauncher {
  return {
    engine: "inngest",
    launch: async (lease) => {
      try {
        await send(runRequestedEvent.create({ runId: lease.runId }));
        return "inngest";
      } catch (error) {
        const reason = errorMessage(error);
        if (!sendCertainlyFailed(error)) {
          console.warn(`Inngest send for run ${lease.runId} may have failed (${reason}); it is left to Inngest, which claims it if the event arrived. Otherwise it goes stale and can be resumed with \`batch resume ${lease.runId}\`.`);
          return "inngest";
        }
        console.warn(`Inngest is unreachable for run ${lease.runId} (${reason}); running it in this process instead.`);
        const mine = await takeOverForThisProcess(lease.runId, { fromHandoff: true });
        void executeRun(mine).catch((failure: unknown) => console.error(`run ${lease.runId} crashed:`, failure));
        return "runner";
      }
    },
  };
}

/** Registers the Inngest launcher when Inngest is configured (dev server, or both keys); otherwise the in-process default stays. */
export function registerInngestLauncher(env: Record<string, string | undefined> = process.env, send?: Send): "inngest" | "runner" {
  if (!shouldUseInngest(env)) return "runner";
  setRunLauncher(createInngestLauncher(send));
  return "inngest";
}
