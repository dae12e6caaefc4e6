import { registerInngestLauncher } from "@/inngest/dispatch";

const globalForDispatch = globalThis as typeof globalThis & { factorwatchDispatch?: "inngest" | "runner" };

/** Chooses where created runs execute (Inngest or this process), once per process; route modules import this file. */
export function ensureDispatch(): "inngest" | "runner" {
  globalForDispatch.factorwatchDispatch ??= registerInngestLauncher();
  return globalForDispatch.factorwatchDispatch;
}

ensureDispatch();
