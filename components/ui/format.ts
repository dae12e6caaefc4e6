/** Display formatting shared by components (pure; safe on server and client). */

/** §11 duration format: < 60 s → `Ns`; < 1 h → `Xm Ys`; otherwise `Xh Ym`; "N/A" if null. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "N/A";
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return ms < 1000 && ms > 0 ? `${(ms / 1000).toFixed(1)}s` : `${totalSeconds}s`;
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
  return `${Math.floor(totalSeconds / 3600)}h ${Math.floor((totalSeconds % 3600) / 60)}m`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

export function formatUsd(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A decimal fraction as a percentage (0.0123 → "1.23%"). */
export function formatPct(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.0001 ? "<0.0001" : p.toFixed(4);
}

export function humanizeKey(key: string): string {
  return key.replace(/^phase_\d+_/, "").replaceAll("_", " ");
}

/** Diverging colour centred at 0: red for negative, blue for positive, white at 0; `limit` saturates. */
export function divergingColor(value: number | null | undefined, limit: number): string {
  if (value === null || value === undefined || !Number.isFinite(value) || limit <= 0) return "rgb(241 245 249)";
  const t = Math.max(-1, Math.min(1, value / limit));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * Math.abs(t));
  return t < 0 ? `rgb(255 ${mix(255, 90)} ${mix(255, 90)})` : `rgb(${mix(255, 60)} ${mix(255, 120)} 255)`;
}
