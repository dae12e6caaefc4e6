/**
 * What the portfolio page's client components draw, built on the server from the portfolio answer. A client
 * component's props are sent twice (rendered into the HTML, and as the page's data for the browser to take over),
 * so they carry the figures as shown (formatted, the heatmap's colours) and not the stored rows with their unrounded
 * statistics: the full holdings and stress rows were most of the page's bytes and of the server's time rendering it.
 */
import type { FactorStatDto, HoldingDto, HoldingFactorStatus, PortfolioStressDto } from "@/lib/schemas/portfolio-dto";
import type { CorrelationDriverDto } from "@/lib/schemas/stress-dto";
import { divergingColor, formatBeta, formatDateRange, formatNumber, formatPValue, formatUsd } from "@/components/ui/format";
import { toStressBreakdown, type StressBreakdown } from "@/components/stress/stress-breakdown";

/** Betas at or beyond this saturate the heatmap's colours. */
const HEATMAP_BETA_LIMIT = 2;

/**
 * A holding as the heatmap and its statistics drawer show it. Per factor, the figures are arrays in the order of the
 * page's factor names (one key per holding rather than per cell: the keys were half of the holdings' bytes).
 */
export interface HoldingView {
  positionId: string; symbol: string; name: string | null; positionType: string; kind: string;
  quantity: string; marketValue: string; factorStatus: HoldingFactorStatus;
  /** The heatmap cells: the beta as shown ("" when not computed) and the cell's colour. */
  betas: string[]; colors: string[];
  /** The drawer's columns ("—" where not computed); null when the holding has no factor statistics at all. */
  stats: { standardError: string[]; tStat: string[]; pValue: string[]; rSquared: string[]; n: string[]; window: string[]; isCapped: boolean[] } | null;
}

/** A figure that was not computed. */
export const NONE = "—";

export function toHoldingView(holding: HoldingDto, factorNames: readonly string[]): HoldingView {
  const stats = factorNames.map((name) => holding.factors[name]);
  const column = <T>(value: (stat: FactorStatDto) => T, none: T) => stats.map((stat) => (stat ? value(stat) : none));
  return {
    positionId: holding.positionId, symbol: holding.symbol, name: holding.name, positionType: holding.positionType, kind: holding.kind,
    quantity: formatNumber(holding.quantity, 0), marketValue: formatUsd(holding.marketValue), factorStatus: holding.factorStatus,
    betas: column((stat) => formatBeta(stat.beta), ""),
    colors: stats.map((stat) => divergingColor(stat?.beta, HEATMAP_BETA_LIMIT)),
    stats: stats.every((stat) => stat === undefined) ? null : {
      standardError: column((stat) => formatNumber(stat.standardError, 3), NONE), tStat: column((stat) => formatNumber(stat.tStat, 2), NONE),
      pValue: column((stat) => formatPValue(stat.pValue), NONE), rSquared: column((stat) => formatNumber(stat.rSquared, 3), NONE),
      n: column((stat) => String(stat.n), NONE), window: column((stat) => formatDateRange(stat.windowStart, stat.windowEnd), NONE),
      isCapped: column((stat) => stat.isCapped, false),
    },
  };
}

/** A stress result's row: both figures, the sentence on what drives a large gap, and its breakdown as drawn. */
export interface StressRowView {
  scenarioId: string; name: string; severity: string; personal: boolean;
  correlatedPnl: number; directPnl: number; pctOfEquity: number | null;
  driver: CorrelationDriverDto | null;
  breakdown: StressBreakdown;
}

export function toStressRowView(row: PortfolioStressDto): StressRowView {
  return {
    scenarioId: row.scenarioId, name: row.name, severity: row.severity, personal: row.personal,
    correlatedPnl: row.correlatedPnl, directPnl: row.directPnl, pctOfEquity: row.pctOfEquity,
    driver: row.decomposition.driver, breakdown: toStressBreakdown(row.decomposition),
  };
}
