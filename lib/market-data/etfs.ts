/**
 * The 17 factor ETFs that Phase 1 always fetches (R11). This is the single definition;
 * lib/risk/factor-definitions.ts names the subsets each factor family regresses on.
 */
export const REQUIRED_ETFS = [
  "SPY", "QQQ", "IWM", "VTI", "TLT", "IEF", "SHY", "HYG", "LQD",
  "VTV", "VUG", "MTUM", "QUAL", "USMV", "DJP", "VNQ", "GLD",
] as const;

export type RequiredEtf = (typeof REQUIRED_ETFS)[number];

const REQUIRED_ETF_SET: ReadonlySet<string> = new Set(REQUIRED_ETFS);

export function isRequiredEtf(symbol: string): symbol is RequiredEtf {
  return REQUIRED_ETF_SET.has(symbol);
}
