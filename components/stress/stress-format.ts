/** Words and numbers of the stress views, shared by the tables, the waterfall, the heatmap and the builder. */
import type { StressFactorRowDto } from "@/lib/schemas/stress-dto";
import { formatPct, formatUsd, formatUsdCompact } from "@/components/ui/format";

/** +2.5% / −10.0%: a move always shows its sign. */
export function formatSignedPct(fraction: number, digits = 1): string {
  const text = formatPct(Math.abs(fraction), digits);
  if (text === formatPct(0, digits)) return text;
  return `${fraction < 0 ? "−" : "+"}${text}`;
}

/** A yield change in basis points with its sign: +50 bp. */
export function formatBp(yieldChange: number): string {
  const bp = Math.round(yieldChange * 10_000 * 100) / 100;
  return `${bp > 0 ? "+" : bp < 0 ? "−" : ""}${Math.abs(bp)} bp`;
}

/** The move a factor takes in the correlated figure; rates as the yield change (if shocked) and the TLT return. */
export function formatFactorMove(row: Pick<StressFactorRowDto, "factor" | "shock" | "move">): string {
  if (row.factor === "Interest Rate") return row.shock === null ? `TLT ${formatSignedPct(row.move)}` : `${formatBp(row.shock)} (TLT ${formatSignedPct(row.move)})`;
  return formatSignedPct(row.move);
}

/** +$1,234 / −$1,234. */
export function formatSignedUsd(value: number): string {
  const text = formatUsd(Math.abs(value));
  return value > 0.5 ? `+${text}` : value < -0.5 ? `−${text}` : text;
}

export { formatUsd, formatUsdCompact };
