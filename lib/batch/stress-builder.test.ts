/** The scenario builder's back end on a real database: preview on the stored covariance, and personal scenarios. */
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db/client";
import { getPersonalScenarios } from "../queries/get-personal-scenarios";
import {
  insertTestFactorEtfHistory, insertTestPortfolio, insertTestPosition, insertTestPrices, insertTestSymbolBetas, insertTestUser,
} from "../testing/portfolio-fixtures";
import { useTestDatabase } from "../testing/test-database";
import { createPhaseContext } from "./phase-types";
import { runPnlPhase } from "./phases/04-pnl";
import { runFactorAggregationPhase } from "./phases/05-factor-aggregation";
import { runStressPhase } from "./phases/06-stress";
import { deleteOwnScenario, MAX_PERSONAL_SCENARIOS, saveOwnScenario } from "./personal-scenarios";
import { executeRun } from "./run-in-process";
import { createRun } from "./run-lifecycle";
import { planToRunParams, previewRerun } from "./run-plans";
import { previewStressScenario, StressRequestError } from "./stress-explain";

const ENTRY = "2026-01-14";
const D = "2026-01-15";
let owner: string;
let stranger: string;
let book: string;

useTestDatabase();
beforeAll(async () => {
  owner = await insertTestUser();
  stranger = await insertTestUser();
  book = await insertTestPortfolio({ userId: owner, startingEquity: 100_000, inceptionDate: D, name: "book" });
  await insertTestFactorEtfHistory(D, 300);
  await insertTestPosition(book, { symbol: "AAA", quantity: 300, entryPrice: 50, entryDate: ENTRY });
  await insertTestPrices({ AAA: { [ENTRY]: 50, [D]: 52 } });
  // SPY's row marks the date as processed by the symbol batch, which Phase 4 waits for.
  await insertTestSymbolBetas(D, { AAA: { "Market Beta (90D)": 1.1, Value: 0.6, Quality: 0.3, Size: 0.2, "IR Beta": 0.2 }, SPY: { "Market Beta (90D)": 1 } });
  for (const run of [runPnlPhase, runFactorAggregationPhase, runStressPhase]) await run(createPhaseContext(D));
});

const viewer = (userId: string) => ({ userId, email: `${userId}@example.test`, name: "Test", role: "user" as const });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as StressRequestError);

describe("previewStressScenario", () => {
  it("answers as the nightly does for the same shocks, on the latest date with exposures", async () => {
    const preview = await previewStressScenario({ viewer: { userId: owner, role: "user" }, portfolioId: book, shocks: { Market: -0.1 } });
    expect(preview).toMatchObject({ portfolioId: book, date: D, dataDays: 252 });
    const { rows } = await getPool().query(
      `SELECT direct_pnl, correlated_pnl FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id
        WHERE r.portfolio_id = $1 AND s.scenario_id = 'market_down_10'`, [book]);
    expect([preview.result.directPnl, preview.result.correlatedPnl]).toEqual([rows[0].direct_pnl, rows[0].correlated_pnl]);
    expect(preview.result.contributions.Market.correlatedPnl).not.toBe(0);
  });

  it("lets an admin preview any portfolio and answers anyone else as if it did not exist", async () => {
    expect((await previewStressScenario({ viewer: { userId: stranger, role: "admin" }, portfolioId: book, shocks: { Size: 0.1 } })).date).toBe(D);
    const error = await refusal(previewStressScenario({ viewer: { userId: stranger, role: "user" }, portfolioId: book, shocks: { Size: 0.1 } }));
    expect(error).toMatchObject({ kind: "not_found", message: `No portfolio with id ${book}.` });
    const dateless = await refusal(previewStressScenario({ viewer: { userId: owner, role: "user" }, portfolioId: book, date: "2026-01-14", shocks: { Size: 0.1 } }));
    expect(dateless).toMatchObject({ kind: "invalid", message: `Portfolio ${book} has no factor exposures on 2026-01-14; pick a date the nightly has processed for it.` });
  });
});

describe("personal scenarios", () => {
  it("are saved for their owner only, run in the owner's next nightly, and deleted with their results", async () => {
    const saved = await saveOwnScenario({ ownerId: owner, name: "Rates shock", shocks: { "Interest Rate": 0.015, Market: -0.05 } });
    expect(saved).toMatchObject({ name: "Rates shock", description: "Your scenario: Market −5%, rates +150 bp.", shocks: { Market: -0.05, "Interest Rate": 0.015 } });
    expect((await getPersonalScenarios(viewer(owner))).map((s) => s.scenarioId)).toEqual([saved.scenarioId]);
    expect(await getPersonalScenarios(viewer(stranger))).toEqual([]);

    await runStressPhase(createPhaseContext(D));
    const count = async () => (await getPool().query(
      `SELECT count(*)::int AS n FROM stress_test_results r JOIN stress_test_scenarios s ON s.id = r.scenario_id WHERE s.scenario_id = $1`, [saved.scenarioId])).rows[0].n;
    expect(await count()).toBe(1);

    expect(await refusal(deleteOwnScenario(stranger, saved.scenarioId))).toMatchObject({ kind: "not_found", message: `You have no saved scenario ${saved.scenarioId}.` });
    await deleteOwnScenario(owner, saved.scenarioId);
    expect(await count()).toBe(0);
    expect(await getPersonalScenarios(viewer(owner))).toEqual([]);
  });

  it("refuses a duplicate name and more than the limit, with a sentence", async () => {
    await saveOwnScenario({ ownerId: stranger, name: "Crash", shocks: { Market: -0.3 } });
    expect(await refusal(saveOwnScenario({ ownerId: stranger, name: "crash", shocks: { Market: -0.2 } })))
      .toMatchObject({ kind: "invalid", message: 'You already have a scenario named "crash"; pick another name.' });
    for (let i = 1; i < MAX_PERSONAL_SCENARIOS; i += 1) await saveOwnScenario({ ownerId: stranger, name: `S${i}`, shocks: { Value: i / 100 } });
    expect(await refusal(saveOwnScenario({ ownerId: stranger, name: "one more", shocks: { Value: 0.5 } })))
      .toMatchObject({ kind: "invalid", message: `You already have ${MAX_PERSONAL_SCENARIOS} saved scenarios; delete one before saving another.` });
  });
});

describe("upgrading stored results of the first model", () => {
  it("`batch run --date D --phase phase_6_stress` recomputes them and replaces the date's covariance", async () => {
    // Results and covariance as the first model left them: no model version, a matrix named by ETF.
    await getPool().query(`UPDATE stress_test_results SET calculation_metadata = (calculation_metadata::jsonb - 'modelVersion')::text WHERE calculation_date = $1`, [D]);
    await getPool().query(`UPDATE factor_covariances SET factors = '["SPY","VTV","VUG","MTUM","QUAL","IWM","USMV","TLT"]'::jsonb WHERE calculation_date = $1`, [D]);
    const plan = await previewRerun({ date: D, phase: "phase_6_stress" });
    const lease = await createRun({ jobType: "rerun", triggeredBy: "cli", params: planToRunParams(plan, { date: D, phase: "phase_6_stress" }) });
    expect((await executeRun(lease)).status).toBe("completed");
    const { rows } = await getPool().query<{ version: number | null }>(
      `SELECT (calculation_metadata::jsonb->>'modelVersion')::int AS version FROM stress_test_results WHERE calculation_date = $1`, [D]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.version === 2)).toBe(true);
    const covariance = await getPool().query(`SELECT factors FROM factor_covariances WHERE calculation_date = $1`, [D]);
    expect(covariance.rows[0].factors[0]).toBe("Market");
  });
});
