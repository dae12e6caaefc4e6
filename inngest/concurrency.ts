import type { inngest } from "./client";

type FunctionOptions = Parameters<typeof inngest.createFunction>[0];
type FlowControl = Pick<FunctionOptions, "concurrency" | "singleton">;

/** Chunk steps of one job type that may run at once (several app instances can share a night's chunks). */
export const CHUNK_CONCURRENCY = 4;

/**
 * One run per job type: `singleton` skips a second run while one is active (the database lock, R22, refuses it too),
 * and a per-job-type concurrency key bounds the parallel chunk steps. Inngest's `concurrency` limits steps, not runs,
 * so `limit: 1` would serialise the chunks. Nightly, rerun and backfill use different keys: a backfill never blocks the nightly.
 */
function oneRunPerJobType(jobType: "nightly" | "rerun" | "backfill"): FlowControl {
  return {
    singleton: { key: `"${jobType}"`, mode: "skip" },
    concurrency: [{ key: `"${jobType}"`, limit: CHUNK_CONCURRENCY }],
  };
}

export const NIGHTLY_CONCURRENCY = oneRunPerJobType("nightly");
export const RERUN_CONCURRENCY = oneRunPerJobType("rerun");
export const BACKFILL_CONCURRENCY = oneRunPerJobType("backfill");
/** A run created by the dashboard (any job type; its database lock was taken when it was created), or a continuation. */
export const EXECUTE_RUN_CONCURRENCY: FlowControl = { concurrency: [{ key: "event.data.runId", limit: CHUNK_CONCURRENCY }] };
/** The onboarding queue drains 3 symbols at a time itself (R24); one drain at a time. */
export const ONBOARDING_CONCURRENCY: FlowControl = { concurrency: [{ key: '"onboarding"', limit: 1 }] };
