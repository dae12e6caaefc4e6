/** Display formatting shared by components (pure; safe on server and client). One place for every number on screen. */

const MINUS = "\u2212";

/** R35 duration format: < 60 s → `Ns`; < 1 h → `Xm Ys`; otherwise `Xh Ym`; "N/A" if null. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "N/A";
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return ms < 1000 && ms > 0 ? `${(ms / 1000).toFixed(1)}s` : `${totalSeconds}s`;
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
  return `${Math.floor(totalSeconds / 3600)}h ${Math.floor((totalSeconds % 3600) / 60)}m`;
}

const NEW_YORK_PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});

/**
 * A timestamp as `YYYY-MM-DD HH:MM:SS ET` (America/New_York, the market's clock, DST-aware): the nightly schedule and
 * its deadline are ET, so every time on the pages is too. "—" when absent.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${formatTimeOfDay(date, true)} ET`;
}

/** `YYYY-MM-DD HH:MM:SS` (or `HH:MM:SS`) in New York time, without the zone label. */
export function formatTimeOfDay(date: Date, withDate = false): string {
  // One formatToParts per timestamp (it is the costly call), not one per part.
  const parts = NEW_YORK_PARTS.formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${part("hour")}:${part("minute")}:${part("second")}`;
  return withDate ? `${part("year")}-${part("month")}-${part("day")} ${time}` : time;
}

/** A calendar date as `YYYY-MM-DD`; "—" when absent. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return iso.slice(0, 10);
}

/** A date window as `2026-08-01 → 2026-11-27`; "—" when either end is missing. */
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from || !to) return "—";
  return `${formatDate(from)} → ${formatDate(to)}`;
}

/** Whole dollars by default: `$4,963,833`, `-$124,336`. */
/** Rounds away `-0`, so a tiny negative never prints as `-0.00` or `-$0`. */
function unsignedZero(value: number, digits: number): number {
  return Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
}

/**
 * One formatter per style and digits: `toLocaleString` with options builds a new Intl.NumberFormat on every call, and
 * a portfolio page formats thousands of cells (it was the largest single cost of rendering one).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(style: "decimal" | "currency", digits: number): Intl.NumberFormat {
  const key = `${style}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style, currency: style === "currency" ? "USD" : undefined, minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatUsd(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return numberFormat("currency", digits).format(unsignedZero(value, digits));
}

/** Compact dollars for chart axes: `$4.9M`, `−$120k`, `$850`, `$0`. */
export function formatUsdCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  const trim = (n: number, digits: number) => n.toFixed(digits).replace(/\.0+$/, "");
  if (abs >= 1e9) return `${sign}$${trim(abs / 1e9, abs >= 1e10 ? 0 : 1)}B`;
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6, abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${sign}$${trim(abs / 1e3, abs >= 1e4 ? 0 : 1)}k`;
  return `${sign}$${Math.round(abs)}`;
}

/**
 * A compact-dollar tick formatter whose unit and decimals follow the data: a $4.90M–$5.05M equity axis reads
 * `$4.92M`, a ±$120k P&L axis reads `−$120k`.
 */
export function usdAxisFormatter(values: readonly number[]): (value: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return formatUsdCompact;
  const maxAbs = Math.max(...finite.map(Math.abs));
  const span = Math.max(...finite) - Math.min(...finite) || maxAbs || 1;
  const [unit, suffix] = maxAbs >= 1e9 ? [1e9, "B"] : maxAbs >= 1e6 ? [1e6, "M"] : maxAbs >= 1e3 ? [1e3, "k"] : [1, ""];
  const digits = Math.max(0, Math.min(3, Math.ceil(-Math.log10(span / 4 / unit))));
  return (value: number) => {
    if (!Number.isFinite(value)) return "—";
    const fixed = (Math.abs(value) / unit).toFixed(digits);
    const scaled = digits > 0 ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
    return `${value < 0 && scaled !== "0" ? MINUS : ""}$${scaled}${scaled === "0" ? "" : suffix}`;
  };
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return numberFormat("decimal", digits).format(unsignedZero(value, digits));
}

/** Betas everywhere: two decimals (`1.27`, `-0.55`). */
export function formatBeta(value: number | null | undefined): string {
  return formatNumber(value, 2);
}

/** A decimal fraction as a percentage (0.0123 → "1.23%"). */
export function formatPct(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  return `${unsignedZero(fraction * 100, digits).toFixed(digits)}%`;
}

/** A value that is already in percent (99.5 → "99.5%"). */
export function formatPctPoints(pct: number | null | undefined, digits = 1): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return "—";
  return `${pct.toFixed(digits)}%`;
}

/** p-values: four decimals, scientific below 0.001 (`0.0421`, `3.2e-5`), `0` stays `<1e-16`. */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p <= 0) return "<1e-16";
  if (p < 0.001) return p.toExponential(1);
  return p.toFixed(4);
}

/** Diverging colour centred at 0: red for negative, blue for positive, white at 0; `limit` saturates. */
export function divergingColor(value: number | null | undefined, limit: number): string {
  if (value === null || value === undefined || !Number.isFinite(value) || limit <= 0) return "rgb(241 245 249)";
  const t = Math.max(-1, Math.min(1, value / limit));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * Math.abs(t));
  return t < 0 ? `rgb(255 ${mix(255, 90)} ${mix(255, 90)})` : `rgb(${mix(255, 60)} ${mix(255, 120)} 255)`;
}
