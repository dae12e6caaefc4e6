/**
 * What the portfolio page's client components draw, built on the server from the portfolio answer. A client
 * component's props are sent twice (rendered into the HTML, and as the page's data for the browser to take over),
 * so they carry the figures as shown (formatted, the heatmap's colours) and not the stored rows with their unrounded
 * statistics: the full holdings and stress rows were most of the page's bytes and of the server's time rendering it.
 */
import type { HoldingDto, HoldingFactorStatus, PortfolioStressDto } from "@/lib/schemas/portfolio-dto";
import type { CorrelationDriverDto } from "@/lib/schemas/stress-dto";
import { divergingColor, formatBeta, formatDateRange, formatNumber, formatPValue, formatUsd } from "@/components/ui/format";
import { toStressBreakdown, type StressBreakdown } from "@/components/stress/stress-breakdown";

/** Betas at or beyond this saturate the heatmap's colours. */
const HEATMAP_BETA_LIMIT = 2;

/** One factor's statistics of a holding, as the statistics drawer shows them. */
export interface FactorStatView {
  beta: string; isCapped: boolean; standardError: string; tStat: string; pValue: string; rSquared: string; n: string; window: string;
}

export interface HoldingView {
  positionId: string; symbol: string; name: string | null; positionType: string; kind: string;
  quantity: string; marketValue: string; factorStatus: HoldingFactorStatus;
  /** Per factor of the page's factor names, in their order: the heatmap cell's text (empty when not computed) and colour. */
  cells: { text: string; color: string }[];
  /** Per factor, in the same order: the drawer's row; null when not computed. */
  stats: (FactorStatView | null)[];
}

export function toHoldingView(holding: HoldingDto, factorNames: readonly string[]): HoldingView {
  const stats = factorNames.map((name) => holding.factors[name] ?? null);
  return {
    positionId: holding.positionId, symbol: holding.symbol, name: holding.name, positionType: holding.positionType, kind: holding.kind,
    quantity: formatNumber(holding.quantity, 0), marketValue: formatUsd(holding.marketValue), factorStatus: holding.factorStatus,
    cells: stats.map((stat) => ({ text: stat ? formatBeta(stat.beta) : "", color: divergingColor(stat?.beta, HEATMAP_BETA_LIMIT) })),
    stats: stats.map((stat) => stat && {
      beta: formatBeta(stat.beta), isCapped: stat.isCapped, standardError: formatNumber(stat.standardError, 3), tStat: formatNumber(stat.tStat, 2),
      pValue: formatPValue(stat.pValue), rSquared: formatNumber(stat.rSquared, 3), n: String(stat.n), window: formatDateRange(stat.windowStart, stat.windowEnd),
    }),
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
