/** Portfolio concentration (HHI, top 3, top 10; R26), pure. */

export interface Concentration {
  /** Σ w² × 10,000 (0–10,000). */
  hhi: number | null;
  /** 10,000 / HHI: the number of equal-weight holdings with the same concentration. */
  effectiveNumPositions: number | null;
  /** Sum of the 3 / 10 largest weights (decimals). */
  top3: number | null;
  top10: number | null;
}

/**
 * Herfindahl–Hirschman concentration at symbol level: positions in the same symbol are netted (signed MV summed),
 * then w_s = |MV_s| / Σ|MV_s|. HHI = Σ w² × 10,000; effective N = 10,000 / HHI; top-k = Σ of the k largest w.
 * All null when Σ|MV_s| = 0. Reference: US DoJ/FTC Horizontal Merger Guidelines (HHI on percentage shares).
 * Complexity: O(n log n).
 */
export function computeConcentration(positions: readonly { symbol: string; marketValueUsd: number }[]): Concentration {
  const bySymbol = new Map<string, number>();
  for (const { symbol, marketValueUsd } of positions) bySymbol.set(symbol, (bySymbol.get(symbol) ?? 0) + marketValueUsd);
  const absolute = [...bySymbol.values()].map(Math.abs);
  const total = absolute.reduce((sum, value) => sum + value, 0);
  if (!(total > 0)) return { hhi: null, effectiveNumPositions: null, top3: null, top10: null };
  const weights = absolute.map((value) => value / total).sort((a, b) => b - a);
  const hhi = weights.reduce((sum, weight) => sum + weight * weight, 0) * 10_000;
  const topSum = (k: number) => weights.slice(0, k).reduce((sum, weight) => sum + weight, 0);
  return { hhi, effectiveNumPositions: 10_000 / hhi, top3: topSum(3), top10: topSum(10) };
}
