/**
 * What a stress breakdown table draws, and nothing else: the factor rows' words and moves already formatted, the
 * amounts as they are. A page hands this (not the whole decomposition) to client components: their props are sent
 * twice, in the HTML and in the page's data for the browser, and the full rows with their labels and unrounded moves
 * were most of a portfolio page's bytes. Pure: built on the server or in the browser alike.
 */
import type { StressDecompositionDto } from "@/lib/schemas/stress-dto";
import { formatFactorMove, formatUsdCompact } from "./stress-format";

export interface StressBreakdownRow {
  factor: string;
  label: string;
  /** The move used, formatted (`−10.0%`, `+50 bp (TLT −3.1%)`). */
  move: string;
  moveKind: "shocked" | "implied";
  directPnl: number;
  correlatedPnl: number;
  /** Under the direct amount when it uses another exposure than the correlated one: `Market (90-day beta): $2.6M`. */
  directNote?: string;
  /** Under the correlated amount (Market, current model): `exposure $2.3M`. */
  correlatedNote?: string;
}

export interface StressBreakdown {
  scenarioName: string;
  directPnl: number;
  correlatedPnl: number;
  directCapApplied: boolean;
  correlatedCapApplied: boolean;
  rows: StressBreakdownRow[];
}

export function toStressBreakdown(d: StressDecompositionDto): StressBreakdown {
  return {
    scenarioName: d.scenarioName, directPnl: d.directPnl, correlatedPnl: d.correlatedPnl,
    directCapApplied: d.directCapApplied, correlatedCapApplied: d.correlatedCapApplied,
    rows: d.factors.map((row) => ({
      factor: row.factor, label: row.correlatedLabel, move: formatFactorMove(row), moveKind: row.moveKind,
      directPnl: row.directPnl, correlatedPnl: row.correlatedPnl,
      // Absent rather than null when there is none: most rows have neither, and their props are sent as they are.
      ...(row.directLabel !== row.correlatedLabel && row.directExposureUsd !== null && { directNote: `${row.directLabel}: ${formatUsdCompact(row.directExposureUsd)}` }),
      ...(row.factor === "Market" && d.modelVersion >= 2 && { correlatedNote: `exposure ${formatUsdCompact(row.exposureUsd)}` }),
    })),
  };
}
