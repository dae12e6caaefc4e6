import type { PhaseFunction, PhaseKey } from "./phase-types";
import { skippedPhase } from "./phase-types";

export type JobGroup = "symbol_batch" | "portfolio_refresh";
export type ChunkKind = "symbols" | "portfolios" | null;

export interface PhaseSpec {
  key: PhaseKey;
  label: string;
  group: JobGroup;
  /** A failed critical symbol phase blocks the portfolio refresh of that date (R20). */
  critical: boolean;
  /** How the phase splits into resumable, parallelisable steps. */
  chunk: ChunkKind;
  load: () => Promise<PhaseFunction>;
}

/** Items per step: several app instances behind one Inngest server can share a night's chunks. */
export const CHUNK_SIZE: Record<Exclude<ChunkKind, null>, number> = { symbols: 500, portfolios: 1000 };

const runFundamentalsPhase: PhaseFunction = async () =>
  skippedPhase("Fundamentals are not part of the nightly batch (R21)");

/** The pipeline, defined once (R21): keys, order, grouping and chunking of the six phases. */
export const PIPELINE: readonly PhaseSpec[] = [
  { key: "phase_0_valuations", label: "Valuations", group: "symbol_batch", critical: false, chunk: null,
    load: async () => (await import("./phases/00-valuations")).runValuationsPhase },
  { key: "phase_1_market_data", label: "Market data", group: "symbol_batch", critical: true, chunk: "symbols",
    load: async () => (await import("./phases/01-market-data")).runMarketDataPhase },
  { key: "phase_2_fundamentals", label: "Fundamentals", group: "symbol_batch", critical: false, chunk: null,
    load: async () => runFundamentalsPhase },
  { key: "phase_3_factors", label: "Factors", group: "symbol_batch", critical: true, chunk: "symbols",
    load: async () => (await import("./phases/03-factors")).runFactorsPhase },
  { key: "phase_4_pnl", label: "P&L snapshots", group: "portfolio_refresh", critical: true, chunk: "portfolios",
    load: async () => (await import("./phases/04-pnl")).runPnlPhase },
  { key: "phase_5_factor_aggregation", label: "Factor aggregation", group: "portfolio_refresh", critical: false, chunk: "portfolios",
    load: async () => (await import("./phases/05-factor-aggregation")).runFactorAggregationPhase },
  { key: "phase_6_stress", label: "Stress tests", group: "portfolio_refresh", critical: false, chunk: "portfolios",
    load: async () => (await import("./phases/06-stress")).runStressPhase },
];

export function getPhaseSpecOrThrow(key: string): PhaseSpec {
  const spec = PIPELINE.find((phase) => phase.key === key);
  if (!spec) throw new Error(`Unknown phase "${key}"; phases are ${PIPELINE.map((phase) => phase.key).join(", ")}.`);
  return spec;
}

