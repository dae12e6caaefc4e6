/**
 * The 22 stress scenarios of the product, defined once, with the stress configuration. Shocks are decimals in the
 * model's coordinates (lib/risk/stress-factors.ts): Market is the SPY return (−0.05 = −5%), a style shock is that
 * style's return in excess of the market (Quality +0.15 = quality stocks beat the market by 15 points), and
 * Interest Rate is a yield change (0.01 = +100 bp), which the engine turns into a TLT return r = −D·Δy.
 */
import type { StressFactor } from "./stress-factors";

export type ScenarioCategory = "market" | "rates" | "rotation" | "volatility" | "historical";
export type ScenarioSeverity = "base" | "mild" | "moderate" | "severe" | "extreme";
export type ScenarioGroup =
  | "base_cases" | "market_risk" | "interest_rate_risk" | "factor_rotations" | "volatility_risk" | "historical_replays";

export interface StressScenario {
  scenarioId: string;
  name: string;
  description: string;
  groupName: ScenarioGroup;
  category: ScenarioCategory;
  severity: ScenarioSeverity;
  active: boolean;
  displayOrder: number;
  shocks: Readonly<Partial<Record<StressFactor, number>>>;
  /** Historical window a replay imitates (ISO dates, inclusive). */
  period?: { from: string; to: string };
}

/**
 * Stress model constants. `tltModifiedDuration` is the default; the env override TLT_MODIFIED_DURATION is read by
 * the caller, not here (lib/risk stays free of env access).
 */
export const STRESS_CONFIG = Object.freeze({
  lookbackReturns: 252,
  ewmaLambda: 0.94,
  correlationClip: 0.95,
  minCorrelationObservations: 30,
  lossCapFractionOfNetExposure: 0.99,
  tltModifiedDuration: 16.5,
});

/** Bounds of a shock a user may enter: returns from −100% to +300%, yield changes of at most ±2,000 bp. */
export const STRESS_SHOCK_BOUNDS = Object.freeze({ minReturn: -1, maxReturn: 3, maxRateChangeBp: 2_000 });
export const BASIS_POINTS_PER_UNIT = 10_000;

/** Severity levels: expected loss range (as a fraction of NAV) and likelihood. */
export const SEVERITY_LEVELS: Readonly<Record<ScenarioSeverity, { impactRange: string; probability: string }>> =
  Object.freeze({
    base: { impactRange: "0–5%", probability: "high" },
    mild: { impactRange: "5–10%", probability: "medium-high" },
    moderate: { impactRange: "10–20%", probability: "medium" },
    severe: { impactRange: "20–35%", probability: "low" },
    extreme: { impactRange: "35%+", probability: "very-low" },
  });

type ScenarioRow = Omit<StressScenario, "displayOrder" | "active"> & { active?: boolean };

const ROWS: readonly ScenarioRow[] = [
  { scenarioId: "market_up_5", name: "Market Rally 5%", groupName: "base_cases", category: "market", severity: "base",
    shocks: { Market: 0.05 }, description: "The broad US equity market (SPY) rises 5%." },
  { scenarioId: "market_down_5", name: "Market Decline 5%", groupName: "base_cases", category: "market", severity: "base",
    shocks: { Market: -0.05 }, description: "The broad US equity market (SPY) falls 5%." },
  { scenarioId: "rates_up_50bp", name: "Rates Up 50bp", groupName: "base_cases", category: "rates", severity: "base",
    shocks: { "Interest Rate": 0.005 }, description: "Long-term Treasury yields rise by 50 basis points." },
  { scenarioId: "rates_down_50bp", name: "Rates Down 50bp", groupName: "base_cases", category: "rates", severity: "base",
    shocks: { "Interest Rate": -0.005 }, description: "Long-term Treasury yields fall by 50 basis points." },
  { scenarioId: "market_up_10", name: "Market Rally 10%", groupName: "market_risk", category: "market",
    severity: "moderate", shocks: { Market: 0.1 }, description: "The broad US equity market (SPY) rises 10%." },
  { scenarioId: "market_down_10", name: "Market Decline 10%", groupName: "market_risk", category: "market",
    severity: "moderate", shocks: { Market: -0.1 }, description: "A 10% market correction in US equities (SPY)." },
  { scenarioId: "market_crash_35", name: "Market Crash 35%", groupName: "market_risk", category: "market",
    severity: "severe", shocks: { Market: -0.35 }, description: "A bear-market crash in which US equities (SPY) lose 35%." },
  { scenarioId: "market_rally_25", name: "Market Rally 25%", groupName: "market_risk", category: "market",
    severity: "severe", shocks: { Market: 0.25 }, description: "A strong bull run in which US equities (SPY) gain 25%." },
  { scenarioId: "rates_up_25bp", name: "Rates Up 25bp", groupName: "interest_rate_risk", category: "rates",
    severity: "mild", shocks: { "Interest Rate": 0.0025 }, description: "Long-term Treasury yields rise by 25 basis points." },
  { scenarioId: "rates_down_25bp", name: "Rates Down 25bp", groupName: "interest_rate_risk", category: "rates",
    severity: "mild", shocks: { "Interest Rate": -0.0025 }, description: "Long-term Treasury yields fall by 25 basis points." },
  { scenarioId: "rates_up_100bp", name: "Rates Up 100bp", groupName: "interest_rate_risk", category: "rates",
    severity: "moderate", shocks: { "Interest Rate": 0.01 }, description: "Long-term Treasury yields rise by 100 basis points." },
  { scenarioId: "rates_down_100bp", name: "Rates Down 100bp", groupName: "interest_rate_risk", category: "rates",
    severity: "moderate", shocks: { "Interest Rate": -0.01 }, description: "Long-term Treasury yields fall by 100 basis points." },
  { scenarioId: "rate_spike_300bp", name: "Rate Spike 300bp", groupName: "interest_rate_risk", category: "rates",
    severity: "severe", shocks: { "Interest Rate": 0.03 },
    description: "A sudden 300 basis-point jump in long-term Treasury yields." },
  { scenarioId: "value_rotation_20", name: "Value Rotation 20%", groupName: "factor_rotations", category: "rotation",
    severity: "moderate", shocks: { Value: 0.2, Growth: -0.1 },
    description: "Investors rotate from growth into value: value stocks beat the market by 20 points, growth stocks trail it by 10." },
  { scenarioId: "growth_rally_15", name: "Growth Rally 15%", groupName: "factor_rotations", category: "rotation",
    severity: "moderate", shocks: { Growth: 0.15, Momentum: 0.1 },
    description: "Growth stocks beat the market by 15 points and momentum stocks by 10." },
  { scenarioId: "small_cap_outperformance_10", name: "Small Cap Outperformance 10%", groupName: "factor_rotations",
    category: "rotation", severity: "mild", shocks: { Size: 0.1 },
    description: "Small caps (IWM) beat the market by 10 points in a broad small-cap rally." },
  { scenarioId: "quality_flight_12", name: "Flight to Quality 12%", groupName: "factor_rotations", category: "rotation",
    severity: "mild", shocks: { Quality: 0.12, Market: -0.05 },
    description: "Investors seek safety: the market slips 5% and quality stocks beat it by 12 points." },
  { scenarioId: "vix_spike_150", name: "VIX Spike 150%", groupName: "volatility_risk", category: "volatility",
    severity: "severe", shocks: { "Low Volatility": -0.25, Market: -0.15 },
    description: "Implied volatility jumps 150%: the market falls 15% and low-volatility stocks trail it by 25 points." },
  { scenarioId: "liquidity_crisis", name: "Liquidity Crisis", groupName: "volatility_risk", category: "volatility",
    severity: "severe", shocks: { Market: -0.2, "Low Volatility": -0.3, Quality: 0.15, Size: -0.1 },
    description: "Funding dries up: the market falls 20%; low-volatility stocks trail it by 30 points and small caps by 10, quality beats it by 15." },
  { scenarioId: "financial_crisis_2008", name: "2008 Financial Crisis Replay", groupName: "historical_replays",
    category: "historical", severity: "extreme", active: false, period: { from: "2008-09-15", to: "2009-03-15" },
    shocks: { Market: -0.45, Value: -0.3, Size: -0.25, Quality: 0.2, "Low Volatility": -0.35 },
    description: "Replays the factor moves from the Lehman collapse to the March 2009 low (styles relative to the market)." },
  { scenarioId: "covid_crash_2020", name: "COVID-19 Crash Replay (March 2020)", groupName: "historical_replays",
    category: "historical", severity: "extreme", active: false, period: { from: "2020-02-19", to: "2020-03-23" },
    shocks: { Market: -0.35, Growth: 0.15, Value: -0.4, Size: -0.3, Quality: 0.1 },
    description: "Replays the factor moves of the February–March 2020 pandemic crash (styles relative to the market)." },
  { scenarioId: "dotcom_crash_2000", name: "Dot-Com Crash Replay (2000-2002)", groupName: "historical_replays",
    category: "historical", severity: "extreme", active: false, period: { from: "2000-03-10", to: "2002-10-09" },
    shocks: { Market: -0.45, Growth: -0.6, Value: 0.2, Momentum: -0.5, Quality: 0.15 },
    description: "Replays the factor moves of the 2000–2002 technology bubble collapse (styles relative to the market)." },
];

function freezeScenario(row: ScenarioRow, index: number): StressScenario {
  const { period, shocks, ...rest } = row;
  return Object.freeze({
    ...rest,
    active: row.active ?? true,
    displayOrder: index + 1,
    shocks: Object.freeze({ ...shocks }),
    ...(period ? { period: Object.freeze({ ...period }) } : {}),
  });
}

/** All 22 scenarios in display order; 19 active, the 3 historical replays inactive. */
export const STRESS_SCENARIOS: readonly StressScenario[] = Object.freeze(ROWS.map(freezeScenario));

/** The scenarios the nightly stress phase runs (active !== false). */
export function listActiveStressScenarios(): StressScenario[] {
  return STRESS_SCENARIOS.filter((s) => s.active);
}
