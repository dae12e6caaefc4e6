/**
 * The stored JSON text of a stress result's factor_impacts: the compact shape the nightly writes (formatted here, not
 * by JSON.stringify, and reused across rows) and the reading of it and of the older shapes. Pure: no I/O.
 */
import type { StressFactorContribution } from "../risk/stress-engine";
import { copyField } from "./copy-text-rows";

/**
 * Stored factor_impacts shape (compact, about 60% of the bytes of the full one): per factor {e: exposureUsd,
 * d: directPnl, c: correlatedPnl, r: move, s: shock}; s is left out when the factor is not shocked, and the Market
 * entry also holds b, the Market Beta (90D) exposure of the direct figure. Every stored row keeps its own
 * contributions, so Σ d = direct_pnl and Σ c = correlated_pnl to the cent on every row. Read it with
 * expandFactorImpacts, which also accepts rows of the first model (keyed by exposure names, in the compact or the
 * older full shape).
 */
interface CompactFactorImpact {
  e: number;
  d: number;
  c: number;
  r: number;
  s?: number;
  b?: number;
}

/** factor_impacts JSON (compact or the older full shape) → the full per-factor contribution shape, in stored order. */
export function expandFactorImpacts(raw: unknown): Record<string, StressFactorContribution> {
  const expanded: Record<string, StressFactorContribution> = {};
  if (!raw || typeof raw !== "object") return expanded;
  for (const [factor, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!value || typeof value !== "object") continue;
    const v = value as Partial<CompactFactorImpact> & Partial<StressFactorContribution> & { factorReturn?: number };
    const full = "directPnl" in v || "correlatedPnl" in v || "exposureUsd" in v || "factorReturn" in v;
    expanded[factor] = full
      ? {
          shock: finiteOrNull(v.shock),
          move: finiteOrNull(v.move ?? v.factorReturn) ?? 0,
          exposureUsd: finiteOrNull(v.exposureUsd) ?? 0,
          directPnl: finiteOrNull(v.directPnl) ?? 0,
          correlatedPnl: finiteOrNull(v.correlatedPnl) ?? 0,
        }
      : { shock: finiteOrNull(v.s), move: finiteOrNull(v.r) ?? 0, exposureUsd: finiteOrNull(v.e) ?? 0, directPnl: finiteOrNull(v.d) ?? 0, correlatedPnl: finiteOrNull(v.c) ?? 0 };
  }
  return expanded;
}

/** The Market Beta (90D) exposure stored with a row's Market contribution; null for rows of the first model. */
export function readMarketBetaExposure(raw: unknown): number | null {
  const market = raw && typeof raw === "object" ? (raw as Record<string, unknown>).Market : undefined;
  return market && typeof market === "object" ? finiteOrNull((market as { b?: unknown }).b) : null;
}

/** A stored JSON text column (factor_impacts, calculation_metadata) → its value; text that is not JSON is a broken row. */
export function parseStoredJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${column} holds text that is not JSON: ${text.slice(0, 80)}`);
  }
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The compact factor_impacts JSON text of one result (see CompactFactorImpact). */
export function encodeFactorImpacts(contributions: Readonly<Record<string, StressFactorContribution>>, marketBetaExposureUsd?: number): string {
  return new FactorImpactsEncoder().encode(contributions, "", marketBetaExposureUsd);
}

/**
 * Builds compact factor_impacts text for many rows. The factor key + exposure part is the same for every scenario of
 * a portfolio and the move + shock part the same for every portfolio of a scenario, so each is formatted once and
 * reused while the row's values are identical to the cached ones (checked per factor).
 */
export class FactorImpactsEncoder {
  /** copyEscaped: the text is a COPY field already (the cached key parts escaped once; numbers need no escaping). */
  constructor(private readonly copyEscaped = false) {}

  private readonly heads = new Map<string, { exposureUsd: number; marketBeta: number | undefined; text: string }>();
  private readonly tails = new Map<string, Map<string, { move: number; shock: number | null; text: string }>>();

  encode(contributions: Readonly<Record<string, StressFactorContribution>>, scenarioKey = "", marketBetaExposureUsd?: number): string {
    let tails = this.tails.get(scenarioKey);
    if (!tails) this.tails.set(scenarioKey, (tails = new Map()));
    let json = "{";
    for (const factor in contributions) {
      const x = contributions[factor];
      const marketBeta = factor === "Market" ? marketBetaExposureUsd : undefined;
      let head = this.heads.get(factor);
      if (head === undefined || head.exposureUsd !== x.exposureUsd || head.marketBeta !== marketBeta) {
        const beta = marketBeta === undefined ? "" : `"b":${marketBeta},`;
        const text = `${JSON.stringify(factor)}:{"e":${x.exposureUsd},${beta}`;
        head = { exposureUsd: x.exposureUsd, marketBeta, text: this.copyEscaped ? copyField(text) : text };
        this.heads.set(factor, head);
      }
      let tail = tails.get(factor);
      if (tail === undefined || tail.move !== x.move || tail.shock !== x.shock) {
        // Numbers only: nothing to escape for COPY.
        tail = { move: x.move, shock: x.shock, text: x.shock === null ? `"r":${x.move}}` : `"r":${x.move},"s":${x.shock}}` };
        tails.set(factor, tail);
      }
      if (json.length > 1) json += ",";
      json += head.text;
      json += `"d":${x.directPnl},"c":${x.correlatedPnl},${tail.text}`;
    }
    return `${json}}`;
  }
}
