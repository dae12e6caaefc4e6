/**
 * The simulated market's instruments: ~70 real-looking US equities with sector/industry, the 17 factor ETFs with
 * their loadings on the latent factors, and the corporate-action schedule. Prices and events are simulated;
 * a real ticker here says nothing about the real company. See simulated-market.ts for the model.
 */
import { REQUIRED_ETFS, type RequiredEtf } from "./etfs";

export type LatentFactor = "market" | "value" | "growth" | "momentum" | "quality" | "size" | "lowvol" | "rates";

export const LATENT_FACTORS: readonly LatentFactor[] = [
  "market", "value", "growth", "momentum", "quality", "size", "lowvol", "rates",
];

/** Daily mean and standard deviation of each latent factor. `rates` is a daily yield change (decimal). */
export const LATENT_FACTOR_MOMENTS: Record<LatentFactor, { mean: number; sd: number }> = {
  market: { mean: 0.0003, sd: 0.0105 },
  value: { mean: 0, sd: 0.004 },
  growth: { mean: 0.00005, sd: 0.0045 },
  momentum: { mean: 0.00005, sd: 0.005 },
  quality: { mean: 0.00002, sd: 0.003 },
  size: { mean: 0, sd: 0.005 },
  lowvol: { mean: 0, sd: 0.003 },
  rates: { mean: 0, sd: 0.0006 },
};

export interface FactorEtf {
  ticker: RequiredEtf;
  name: string;
  /** Daily return = Σ loading × latent factor + idiosyncratic noise (sd `idioSd`). Rate loadings are −duration. */
  loadings: Partial<Record<LatentFactor, number>>;
  idioSd: number;
  /** Annual distribution yield (fraction); paid quarterly. */
  dividendYield: number;
  trailingPE: number | null;
}

export const FACTOR_ETFS: readonly FactorEtf[] = [
  { ticker: "SPY", name: "SPDR S&P 500 ETF Trust", loadings: { market: 1 }, idioSd: 0.0004, dividendYield: 0.013, trailingPE: 24 },
  { ticker: "QQQ", name: "Invesco QQQ Trust", loadings: { market: 1.15, growth: 0.8 }, idioSd: 0.002, dividendYield: 0.006, trailingPE: 32 },
  { ticker: "IWM", name: "iShares Russell 2000 ETF", loadings: { market: 1.1, size: 1 }, idioSd: 0.002, dividendYield: 0.012, trailingPE: 17 },
  { ticker: "VTI", name: "Vanguard Total Stock Market ETF", loadings: { market: 1.02, size: 0.1 }, idioSd: 0.0006, dividendYield: 0.013, trailingPE: 23 },
  { ticker: "TLT", name: "iShares 20+ Year Treasury Bond ETF", loadings: { rates: -16.5 }, idioSd: 0.0015, dividendYield: 0.04, trailingPE: null },
  { ticker: "IEF", name: "iShares 7-10 Year Treasury Bond ETF", loadings: { rates: -7.5 }, idioSd: 0.0008, dividendYield: 0.035, trailingPE: null },
  { ticker: "SHY", name: "iShares 1-3 Year Treasury Bond ETF", loadings: { rates: -1.9 }, idioSd: 0.0003, dividendYield: 0.04, trailingPE: null },
  { ticker: "HYG", name: "iShares iBoxx $ High Yield Corporate Bond ETF", loadings: { market: 0.35, rates: -3.5 }, idioSd: 0.0015, dividendYield: 0.058, trailingPE: null },
  { ticker: "LQD", name: "iShares iBoxx $ Investment Grade Corporate Bond ETF", loadings: { market: 0.1, rates: -8.5 }, idioSd: 0.001, dividendYield: 0.044, trailingPE: null },
  { ticker: "VTV", name: "Vanguard Value ETF", loadings: { market: 0.95, value: 1 }, idioSd: 0.0015, dividendYield: 0.022, trailingPE: 19 },
  { ticker: "VUG", name: "Vanguard Growth ETF", loadings: { market: 1.08, growth: 1 }, idioSd: 0.0015, dividendYield: 0.005, trailingPE: 36 },
  { ticker: "MTUM", name: "iShares MSCI USA Momentum Factor ETF", loadings: { market: 1, momentum: 1 }, idioSd: 0.002, dividendYield: 0.007, trailingPE: 27 },
  { ticker: "QUAL", name: "iShares MSCI USA Quality Factor ETF", loadings: { market: 1, quality: 1 }, idioSd: 0.0015, dividendYield: 0.01, trailingPE: 25 },
  { ticker: "USMV", name: "iShares MSCI USA Min Vol Factor ETF", loadings: { market: 0.75, lowvol: 1 }, idioSd: 0.0015, dividendYield: 0.015, trailingPE: 22 },
  { ticker: "DJP", name: "iPath Bloomberg Commodity Index Total Return ETN", loadings: { market: 0.3 }, idioSd: 0.011, dividendYield: 0, trailingPE: null },
  { ticker: "VNQ", name: "Vanguard Real Estate ETF", loadings: { market: 1.05, rates: -5 }, idioSd: 0.008, dividendYield: 0.038, trailingPE: 30 },
  { ticker: "GLD", name: "SPDR Gold Shares", loadings: { market: 0.05, rates: -3 }, idioSd: 0.009, dividendYield: 0, trailingPE: null },
];

if (FACTOR_ETFS.map((etf) => etf.ticker).join() !== REQUIRED_ETFS.join()) {
  throw new Error("FACTOR_ETFS must list exactly REQUIRED_ETFS, in order");
}

/** The ETF whose return (net of its market loading) carries each style; rates are carried by TLT itself. */
export const STYLE_ETF: Record<Exclude<LatentFactor, "market" | "rates">, RequiredEtf> = {
  value: "VTV", growth: "VUG", momentum: "MTUM", quality: "QUAL", size: "IWM", lowvol: "USMV",
};

export interface SimulatedEquity {
  ticker: string;
  name: string;
  sector: string;
  industry: string;
}

export interface SectorProfile {
  /** Planted betas before per-symbol jitter: market (on SPY), styles (on style-excess returns), rates (on TLT). */
  betas: Record<LatentFactor, number>;
  idioSd: number;
  trailingPE: number;
  dividendYield: number;
}

const profile = (b: number[], idioSd: number, trailingPE: number, dividendYield: number): SectorProfile => ({
  betas: {
    market: b[0], value: b[1], growth: b[2], momentum: b[3], quality: b[4], size: b[5], lowvol: b[6], rates: b[7],
  },
  idioSd,
  trailingPE,
  dividendYield,
});

//                                 market value growth mom  qual  size  lowvol rates(TLT)
export const SECTOR_PROFILES: Record<string, SectorProfile> = {
  Technology: profile([1.2, -0.4, 0.6, 0.3, 0.3, -0.2, -0.4, -0.1], 0.017, 32, 0.006),
  "Communication Services": profile([1.05, -0.2, 0.4, 0.2, 0.1, -0.2, -0.2, -0.05], 0.018, 24, 0.01),
  "Consumer Cyclical": profile([1.15, -0.1, 0.4, 0.2, 0, 0, -0.3, -0.1], 0.019, 28, 0.012),
  "Consumer Defensive": profile([0.6, 0.2, -0.2, -0.1, 0.3, -0.1, 0.6, 0.15], 0.011, 24, 0.027),
  "Financial Services": profile([1.1, 0.6, -0.3, 0.1, 0, 0.1, -0.1, -0.3], 0.015, 14, 0.022),
  Healthcare: profile([0.75, 0.2, 0, 0, 0.3, -0.1, 0.4, 0.05], 0.014, 20, 0.02),
  Energy: profile([1, 0.7, -0.5, 0.2, -0.1, 0.1, -0.1, -0.2], 0.019, 12, 0.035),
  Industrials: profile([1.05, 0.3, -0.1, 0.1, 0.1, 0.1, 0, -0.1], 0.016, 20, 0.018),
  Utilities: profile([0.45, 0.3, -0.3, -0.1, 0.1, 0, 0.7, 0.45], 0.011, 18, 0.032),
  "Real Estate": profile([0.85, 0.3, -0.1, -0.1, 0, 0.1, 0.3, 0.55], 0.015, 35, 0.03),
  "Basic Materials": profile([1.05, 0.4, -0.2, 0.1, 0, 0.1, -0.1, -0.1], 0.018, 18, 0.02),
};

const e = (ticker: string, name: string, sector: string, industry: string): SimulatedEquity => ({ ticker, name, sector, industry });

export const SIMULATED_EQUITIES: readonly SimulatedEquity[] = [
  e("AAPL", "Apple Inc.", "Technology", "Consumer Electronics"),
  e("MSFT", "Microsoft Corporation", "Technology", "Software - Infrastructure"),
  e("NVDA", "NVIDIA Corporation", "Technology", "Semiconductors"),
  e("AVGO", "Broadcom Inc.", "Technology", "Semiconductors"),
  e("ORCL", "Oracle Corporation", "Technology", "Software - Infrastructure"),
  e("CRM", "Salesforce, Inc.", "Technology", "Software - Application"),
  e("ADBE", "Adobe Inc.", "Technology", "Software - Application"),
  e("AMD", "Advanced Micro Devices, Inc.", "Technology", "Semiconductors"),
  e("INTC", "Intel Corporation", "Technology", "Semiconductors"),
  e("CSCO", "Cisco Systems, Inc.", "Technology", "Communication Equipment"),
  e("QCOM", "QUALCOMM Incorporated", "Technology", "Semiconductors"),
  e("TXN", "Texas Instruments Incorporated", "Technology", "Semiconductors"),
  e("IBM", "International Business Machines Corporation", "Technology", "Information Technology Services"),
  e("GOOGL", "Alphabet Inc.", "Communication Services", "Internet Content & Information"),
  e("META", "Meta Platforms, Inc.", "Communication Services", "Internet Content & Information"),
  e("NFLX", "Netflix, Inc.", "Communication Services", "Entertainment"),
  e("DIS", "The Walt Disney Company", "Communication Services", "Entertainment"),
  e("T", "AT&T Inc.", "Communication Services", "Telecom Services"),
  e("VZ", "Verizon Communications Inc.", "Communication Services", "Telecom Services"),
  e("CMCSA", "Comcast Corporation", "Communication Services", "Telecom Services"),
  e("AMZN", "Amazon.com, Inc.", "Consumer Cyclical", "Internet Retail"),
  e("TSLA", "Tesla, Inc.", "Consumer Cyclical", "Auto Manufacturers"),
  e("HD", "The Home Depot, Inc.", "Consumer Cyclical", "Home Improvement Retail"),
  e("LOW", "Lowe's Companies, Inc.", "Consumer Cyclical", "Home Improvement Retail"),
  e("MCD", "McDonald's Corporation", "Consumer Cyclical", "Restaurants"),
  e("SBUX", "Starbucks Corporation", "Consumer Cyclical", "Restaurants"),
  e("NKE", "NIKE, Inc.", "Consumer Cyclical", "Footwear & Accessories"),
  e("PG", "The Procter & Gamble Company", "Consumer Defensive", "Household & Personal Products"),
  e("KO", "The Coca-Cola Company", "Consumer Defensive", "Beverages - Non-Alcoholic"),
  e("PEP", "PepsiCo, Inc.", "Consumer Defensive", "Beverages - Non-Alcoholic"),
  e("WMT", "Walmart Inc.", "Consumer Defensive", "Discount Stores"),
  e("COST", "Costco Wholesale Corporation", "Consumer Defensive", "Discount Stores"),
  e("WBA", "Walgreens Boots Alliance, Inc.", "Healthcare", "Pharmaceutical Retailers"),
  e("JPM", "JPMorgan Chase & Co.", "Financial Services", "Banks - Diversified"),
  e("BAC", "Bank of America Corporation", "Financial Services", "Banks - Diversified"),
  e("WFC", "Wells Fargo & Company", "Financial Services", "Banks - Diversified"),
  e("GS", "The Goldman Sachs Group, Inc.", "Financial Services", "Capital Markets"),
  e("MS", "Morgan Stanley", "Financial Services", "Capital Markets"),
  e("BRK.B", "Berkshire Hathaway Inc.", "Financial Services", "Insurance - Diversified"),
  e("V", "Visa Inc.", "Financial Services", "Credit Services"),
  e("MA", "Mastercard Incorporated", "Financial Services", "Credit Services"),
  e("BLK", "BlackRock, Inc.", "Financial Services", "Asset Management"),
  e("JNJ", "Johnson & Johnson", "Healthcare", "Drug Manufacturers - General"),
  e("UNH", "UnitedHealth Group Incorporated", "Healthcare", "Healthcare Plans"),
  e("PFE", "Pfizer Inc.", "Healthcare", "Drug Manufacturers - General"),
  e("MRK", "Merck & Co., Inc.", "Healthcare", "Drug Manufacturers - General"),
  e("ABBV", "AbbVie Inc.", "Healthcare", "Drug Manufacturers - General"),
  e("LLY", "Eli Lilly and Company", "Healthcare", "Drug Manufacturers - General"),
  e("TMO", "Thermo Fisher Scientific Inc.", "Healthcare", "Diagnostics & Research"),
  e("XOM", "Exxon Mobil Corporation", "Energy", "Oil & Gas Integrated"),
  e("CVX", "Chevron Corporation", "Energy", "Oil & Gas Integrated"),
  e("COP", "ConocoPhillips", "Energy", "Oil & Gas E&P"),
  e("SLB", "Schlumberger Limited", "Energy", "Oil & Gas Equipment & Services"),
  e("CAT", "Caterpillar Inc.", "Industrials", "Farm & Heavy Construction Machinery"),
  e("BA", "The Boeing Company", "Industrials", "Aerospace & Defense"),
  e("GE", "GE Aerospace", "Industrials", "Aerospace & Defense"),
  e("HON", "Honeywell International Inc.", "Industrials", "Conglomerates"),
  e("UPS", "United Parcel Service, Inc.", "Industrials", "Integrated Freight & Logistics"),
  e("NEE", "NextEra Energy, Inc.", "Utilities", "Utilities - Regulated Electric"),
  e("DUK", "Duke Energy Corporation", "Utilities", "Utilities - Regulated Electric"),
  e("PLD", "Prologis, Inc.", "Real Estate", "REIT - Industrial"),
  e("AMT", "American Tower Corporation", "Real Estate", "REIT - Specialty"),
  e("LIN", "Linde plc", "Basic Materials", "Specialty Chemicals"),
  e("FCX", "Freeport-McMoRan Inc.", "Basic Materials", "Copper"),
];

export interface EquityOverride {
  market?: number;
  idioSd?: number;
  dividendYield?: number;
  trailingPE?: number;
  /** Shares outstanding (billions) for marketCap. */
  sharesBn?: number;
}

/** Per-name touches so the demo looks familiar: high-beta growth names, no-dividend payers, share counts. */
export const EQUITY_OVERRIDES: Record<string, EquityOverride> = {
  AAPL: { market: 1.15, sharesBn: 15 }, MSFT: { market: 1.05, sharesBn: 7.4 }, NVDA: { market: 1.7, idioSd: 0.025, dividendYield: 0.0003, trailingPE: 55, sharesBn: 24 },
  AMZN: { market: 1.25, dividendYield: 0, trailingPE: 45, sharesBn: 10.5 }, GOOGL: { dividendYield: 0.004, sharesBn: 12 }, META: { market: 1.3, dividendYield: 0.003, sharesBn: 2.5 },
  TSLA: { market: 1.9, idioSd: 0.032, dividendYield: 0, trailingPE: 60, sharesBn: 3.2 }, NFLX: { market: 1.3, dividendYield: 0, trailingPE: 45 },
  "BRK.B": { market: 0.85, dividendYield: 0, trailingPE: 12, sharesBn: 2.2 }, ADBE: { dividendYield: 0 }, AMD: { market: 1.6, idioSd: 0.026, dividendYield: 0, trailingPE: 50 },
  BA: { market: 1.3, idioSd: 0.022, dividendYield: 0 }, PG: { market: 0.5, sharesBn: 2.4 }, KO: { market: 0.55, sharesBn: 4.3 }, JNJ: { market: 0.55, sharesBn: 2.4 },
  JPM: { market: 1.1, sharesBn: 2.8 }, XOM: { market: 0.9, sharesBn: 4.3 }, WBA: { market: 0.8, dividendYield: 0.045, trailingPE: 9 },
};

export interface SplitEvent {
  date: string;
  ratio: number;
}

/** Stock splits (simulated; the 2026 ORCL split is fictional and sits inside a 365-day window on purpose). */
export const SPLIT_SCHEDULE: Record<string, readonly SplitEvent[]> = {
  AAPL: [{ date: "2020-08-31", ratio: 4 }],
  TSLA: [{ date: "2020-08-31", ratio: 5 }, { date: "2022-08-25", ratio: 3 }],
  NVDA: [{ date: "2021-07-20", ratio: 4 }, { date: "2024-06-10", ratio: 10 }],
  AMZN: [{ date: "2022-06-06", ratio: 20 }],
  GOOGL: [{ date: "2022-07-18", ratio: 20 }],
  WMT: [{ date: "2024-02-26", ratio: 3 }],
  AVGO: [{ date: "2024-07-15", ratio: 10 }],
  NFLX: [{ date: "2025-11-17", ratio: 10 }],
  ORCL: [{ date: "2026-09-14", ratio: 2 }],
};

/** Symbols whose bars stop after this date; later ranges and valuations answer not_found. */
export const DELISTINGS: Record<string, string> = { WBA: "2026-06-30" };

/** First bar of every listed instrument; the synthetic benchmark tickers list later to keep them cheap. */
export const SIMULATION_START = "2015-01-02";
export const SYNTHETIC_LISTING_START = "2023-01-03";
/** Dividends are scheduled up to this date; adjClose equals close after it (the fixed adjustment anchor). */
export const CORPORATE_ACTION_HORIZON = "2030-12-31";

export const SYNTHETIC_TICKER = /^S\d{4,6}$/;
const SECTORS = Object.keys(SECTOR_PROFILES);

/**
 * Extra deterministic tickers 'S0001'…'S<count>' for benchmarks (sector by index, planted betas like any equity).
 * The simulated provider serves every ticker matching /^S\d{4,6}$/.
 */
export function createSyntheticUniverse(count: number): SimulatedEquity[] {
  if (!Number.isInteger(count) || count < 0 || count > 999_999) {
    throw new Error(`createSyntheticUniverse requires an integer count in 0..999999, got ${count}`);
  }
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, i) => syntheticEquity(`S${String(i + 1).padStart(width, "0")}`));
}

/** Any other valid ticker: a simulated company in a sector drawn from the ticker's hash (`sectorDraw` in [0, 1)). */
export function genericEquity(ticker: string, sectorDraw: number): SimulatedEquity {
  const sector = SECTORS[Math.floor(sectorDraw * SECTORS.length) % SECTORS.length];
  return { ticker, name: `${ticker} (simulated company)`, sector, industry: `${sector} (simulated)` };
}

export function syntheticEquity(ticker: string): SimulatedEquity {
  const index = Number(ticker.slice(1));
  const sector = SECTORS[index % SECTORS.length];
  return { ticker, name: `Synthetic Company ${index}`, sector, industry: `${sector} (synthetic)` };
}
