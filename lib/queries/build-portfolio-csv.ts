import "server-only";
import type { PortfolioDetail } from "./get-portfolio-detail";

/**
 * RFC 4180 cell: quote when it holds a comma, quote or newline; numbers as plain decimals. A text cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading ' so it opens
 * as text; numbers are never text, so a negative number stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function buildExposuresCsv(detail: PortfolioDetail): string {
  return toCsv(
    ["portfolio", "calculation_date", "factor", "beta", "exposure_usd"],
    detail.exposures.map((row) => [detail.name, detail.calcDate, row.factor, row.beta, row.dollar]),
  );
}

export function buildStressCsv(detail: PortfolioDetail): string {
  return toCsv(
    ["portfolio", "calculation_date", "scenario_id", "scenario", "category", "severity", "correlated_pnl_usd", "direct_pnl_usd", "correlated_pct_of_equity"],
    detail.stress.map((row) => [detail.name, detail.calcDate, row.scenarioId, row.name, row.category, row.severity, row.correlatedPnl, row.directPnl,
      row.pctOfEquity === null ? null : Math.round(row.pctOfEquity * 1e6) / 1e6]),
  );
}

export function csvFilename(detail: PortfolioDetail, kind: "exposures" | "stress"): string {
  const slug = detail.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "portfolio";
  return `${slug}-${kind}-${detail.calcDate ?? "none"}.csv`;
}
