/**
 * Where the simulated market's prices sit: well-known tickers close near their familiar level on the calibration
 * day, so an entry price typed from memory is in the right range; any other valid ticker gets a level drawn from its
 * own hash. Only the level is set here: returns, and so every planted beta, do not depend on it.
 */

/** The trading day on which each calibrated ticker's raw close equals its level. */
export const PRICE_LEVEL_DATE = "2026-11-27";

/** Approximate familiar closes (USD, today's share basis) of the demo book, the regressor ETFs and large US names. */
export const REFERENCE_PRICE_LEVELS_USD: Readonly<Record<string, number>> = {
  // regressor ETFs
  SPY: 590, QQQ: 510, IWM: 225, VTI: 290, TLT: 92, IEF: 94, SHY: 82, HYG: 79, LQD: 108,
  VTV: 175, VUG: 400, MTUM: 200, QUAL: 180, USMV: 92, DJP: 33, VNQ: 90, GLD: 245,
  // large US names (and the demo book)
  AAPL: 230, MSFT: 420, NVDA: 140, AVGO: 170, ORCL: 170, CRM: 300, ADBE: 500, AMD: 140, INTC: 22, CSCO: 58,
  QCOM: 160, TXN: 195, IBM: 220, GOOGL: 170, META: 560, NFLX: 90, DIS: 110, T: 22, VZ: 42, CMCSA: 40,
  AMZN: 200, TSLA: 250, HD: 400, LOW: 260, MCD: 290, SBUX: 95, NKE: 75, PG: 165, KO: 62, PEP: 160, WMT: 85,
  COST: 900, JPM: 230, BAC: 44, WFC: 70, GS: 550, MS: 125, "BRK.B": 460, V: 300, MA: 500, BLK: 1000,
  JNJ: 155, UNH: 550, PFE: 26, MRK: 100, ABBV: 180, LLY: 800, TMO: 550, XOM: 115, CVX: 155, COP: 105,
  SLB: 42, CAT: 380, BA: 160, GE: 180, HON: 220, UPS: 130, NEE: 75, DUK: 110, PLD: 115, AMT: 210, LIN: 460,
  FCX: 42,
};

/** Tickers starting with this prefix are reserved as unknown: the simulated market never prices them. */
export const RESERVED_UNKNOWN_PREFIX = "ZZZZ";

/** Level of a ticker without a reference price: log-uniform between $15 and $300 from a uniform draw in [0, 1). */
export function drawPriceLevelUsd(uniform: number): number {
  return Math.round(15 * Math.exp(uniform * Math.log(20)) * 100) / 100;
}
