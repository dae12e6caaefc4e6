import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { createPhaseContext } from "../../batch/phase-types";
import { runPnlPhase } from "../../batch/phases/04-pnl";
import { runFactorAggregationPhase } from "../../batch/phases/05-factor-aggregation";
import { runStressPhase } from "../../batch/phases/06-stress";
import { getPool } from "../../db/client";
import { insertPersonalScenario } from "../../db/stress-scenario-rows";
import { toCents } from "../../risk/stress-engine-cents";
import type { StressExplanation } from "../../risk/stress-explain";
import { STRESS_FACTORS } from "../../risk/stress-factors";
import {
  insertTestFactorEtfHistory, insertTestPortfolio, insertTestPosition, insertTestPrices, insertTestSymbolBetas, insertTestUser,
} from "../../testing/portfolio-fixtures";
import { closeRelative, recomputeStressExplanation } from "../../testing/recompute-stress-explanation";
import { useTestDatabase } from "../../testing/test-database";
import { CliError } from "../cli-error";
import { renderStressExplain } from "./stress";

const ENTRY = "2026-01-14";
const D = "2026-01-15";
let book: string;
let otherOwnersScenario: string;

const database = useTestDatabase();
beforeAll(async () => {
  const owner = await insertTestUser();
  book = await insertTestPortfolio({ userId: owner, startingEquity: 100_000, inceptionDate: D, name: "book" });
  await insertTestFactorEtfHistory(D, 300);
  await insertTestPosition(book, { symbol: "AAA", quantity: 300, entryPrice: 50, entryDate: ENTRY });
  await insertTestPosition(book, { symbol: "BBB", quantity: -100, entryPrice: 40, entryDate: ENTRY });
  await insertTestPrices({ AAA: { [ENTRY]: 50, [D]: 52 }, BBB: { [ENTRY]: 40, [D]: 39 } });
  await insertTestSymbolBetas(D, {
    AAA: { "Market Beta (90D)": 1.2, Value: 0.5, Growth: 0.4, Quality: 0.2, Size: -0.1, "IR Beta": 0.3 },
    BBB: { "Market Beta (90D)": 0.8, Value: -0.2, Momentum: 0.6, "Low Volatility": 0.3, "IR Beta": 0.1 },
    SPY: { "Market Beta (90D)": 1 }, // marks the date as processed by the symbol batch, which Phase 4 waits for
  });
  for (const run of [runPnlPhase, runFactorAggregationPhase, runStressPhase]) await run(createPhaseContext(D));
  otherOwnersScenario = (await insertPersonalScenario({ ownerId: await insertTestUser(), name: "x", description: "x", shocks: { Market: -0.3 } })).scenarioId;
});

async function explainJson(scenario: string): Promise<StressExplanation> {
  return JSON.parse(await renderStressExplain({ portfolio: book, date: D, scenario, json: true })) as StressExplanation;
}

async function storedTotals(scenario: string): Promise<{ direct_pnl: number; correlated_pnl: number }> {
  const { rows } = await getPool().query(
    `SELECT direct_pnl, correlated_pnl FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
      WHERE r.portfolio_id = $1 AND r.calculation_date = $2 AND s.scenario_id = $3`, [book, D, scenario]);
  return rows[0];
}

describe("stress explain --json", () => {
  it.each(["market_down_10", "liquidity_crisis", "rates_up_100bp", "value_rotation_20"])("%s is recomputed from its own covariance, exposures and shocks to 1e-9", async (scenario) => {
    const x = await explainJson(scenario);
    expect(Object.keys(x)).toEqual([
      "portfolioId", "date", "scenario", "equity", "factors", "covariance", "exposures", "marketBetaExposure", "shocks", "moves", "direct", "correlated", "capped",
    ]);
    expect(x.factors).toEqual([...STRESS_FACTORS]);
    for (const key of ["exposures", "moves"] as const) expect(Object.keys(x[key])).toEqual([...STRESS_FACTORS]);
    expect(Object.keys(x.direct.contributions)).toEqual([...STRESS_FACTORS]);
    expect(x.covariance).toHaveLength(8);
    const again = recomputeStressExplanation(x);
    STRESS_FACTORS.forEach((factor, i) => {
      expect(closeRelative(again.moves[i], x.moves[factor]), `${factor} move`).toBe(true);
      expect(closeRelative(again.direct[i], x.direct.contributions[factor]), `${factor} direct`).toBe(true);
      expect(closeRelative(again.correlated[i], x.correlated.contributions[factor]), `${factor} correlated`).toBe(true);
      if (factor in x.shocks) expect(x.moves[factor]).toBe(x.shocks[factor]);
    });
    const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
    expect(closeRelative(sum(x.correlated.contributions), x.correlated.total)).toBe(true);
    expect(closeRelative(sum(x.direct.contributions), x.direct.total)).toBe(true);
    // The Market exposure of the correlated model is the sum of the style exposures.
    expect(closeRelative(x.exposures.Market, STRESS_FACTORS.slice(1, 7).reduce((s, f) => s + x.exposures[f], 0))).toBe(true);
    // The stored (cent) result of the nightly is the same figure rounded.
    const stored = await storedTotals(scenario);
    expect(toCents(x.correlated.total)).toBe(toCents(stored.correlated_pnl));
    expect(toCents(x.direct.total)).toBe(toCents(stored.direct_pnl));
  });

  it("turns a rate shock into the TLT return it uses", async () => {
    const x = await explainJson("rates_up_100bp");
    expect(x.shocks).toEqual({ "Interest Rate": -0.165 });
    expect(x.moves["Interest Rate"]).toBe(-0.165);
  });
});

describe("stress explain as a table", () => {
  it("prints labelled rows, both totals and the model sentence", async () => {
    const text = await renderStressExplain({ portfolio: book, date: D, scenario: "market_down_10" });
    expect(text).toContain("Market Decline 10% (market_down_10)");
    expect(text).toMatch(/Market \(via styles\)\s+\$[\d,.]+\s+-10\.00%\s+-10\.00% shocked/);
    expect(text).toMatch(/Value vs market .* implied/);
    expect(text).toMatch(/^total\s/m);
    expect(text).toContain("Correlated (with knock-on moves)");
  });
});

describe("stress explain refuses bad input with a sentence and exit code 2", () => {
  const refusal = async (options: { portfolio?: string; date?: string; scenario?: string }) => {
    const error = await renderStressExplain({ portfolio: book, date: D, scenario: "market_down_10", ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  };

  it("names what is wrong", async () => {
    expect(await refusal({ portfolio: "not-a-uuid" })).toBe("No portfolio with id not-a-uuid.");
    expect(await refusal({ portfolio: "00000000-0000-4000-8000-000000000000" })).toBe("No portfolio with id 00000000-0000-4000-8000-000000000000.");
    expect(await refusal({ date: "2026-02-30" })).toBe('--date must be a real date written YYYY-MM-DD, got "2026-02-30".');
    expect(await refusal({ date: "2026-01-14" })).toBe(`Portfolio ${book} has no factor exposures on 2026-01-14; pick a date the nightly has processed for it.`);
    expect(await refusal({ scenario: "nope" })).toMatch(/^No scenario "nope" for this portfolio;/);
    // Another user's personal scenario does not exist for this portfolio.
    expect(await refusal({ scenario: otherOwnersScenario })).toMatch(new RegExp(`^No scenario "${otherOwnersScenario}" for this portfolio;`));
  });

  it("through the real command line: JSON on stdout, and exit 2 with one error line", () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.json", "lib/cli/main.ts", ...args], {
      encoding: "utf8", env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000,
    });
    const ok = cli(["stress", "explain", "--portfolio", book, "--date", D, "--scenario", "market_down_10", "--json"]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ portfolioId: book, date: D, scenario: { id: "market_down_10", name: "Market Decline 10%" } });
    const bad = cli(["stress", "explain", "--portfolio", book, "--date", "yesterday", "--scenario", "market_down_10"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n").pop()).toBe('error: --date must be a real date written YYYY-MM-DD, got "yesterday".');
  });
});
